// Turns the channel and rule forms' flat fields ("config.url", "secrets.token", repeated
// checkboxes) into the services' input shapes; the services validate the result.

type Raw = Record<string, unknown>;

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (item): item is string => typeof item === "string" && item !== "",
  );

/** `keepEmptySecrets`: on edit an empty secret is sent as "" (keep); on create it is left out. */
export function channelParts(raw: Raw, keepEmptySecrets: boolean) {
  const config: Raw = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== "string") continue;
    if (key.startsWith("config.")) {
      const name = key.slice(7);
      if (name === "to") config.to = value.split(/[,\s]+/).filter(Boolean);
      else if (value !== "" || name === "user") config[name] = value === "" ? undefined : value;
    } else if (key.startsWith("secrets.")) {
      if (value !== "" || keepEmptySecrets) secrets[key.slice(8)] = value;
    }
  }
  return { config, secrets, enabled: raw.enabled === undefined ? undefined : raw.enabled === "true" };
}

export function ruleParts(raw: Raw) {
  const digest = typeof raw.digestMinutes === "string" ? raw.digestMinutes.trim() : "";
  return {
    name: raw.name,
    channelId: raw.channelId,
    alertTypes: list(raw.alertTypes),
    minSeverity: raw.minSeverity,
    hostGroupIds: list(raw.hostGroupIds),
    digestMinutes: digest === "" ? null : Number(digest),
    enabled: raw.enabled === undefined ? true : raw.enabled === "true",
  };
}
