// Value parsers for environment variables, in the forms the PatchMon documentation uses.

const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** "30s", "15m", "2h", "7d" (a bare number means seconds) -> milliseconds, or null when unparseable. */
export function parseDuration(raw: string): number | null {
  const match = /^(\d+)\s*(ms|s|m|h|d|w)?$/i.exec(raw.trim());
  if (!match?.[1]) return null;
  const value = Number(match[1]);
  const unit = (match[2] ?? "s").toLowerCase();
  const factor = DURATION_UNITS_MS[unit];
  if (factor === undefined || value <= 0 || !Number.isSafeInteger(value * factor)) return null;
  return value * factor;
}

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "2mb", "512kb", "1.5mb", "1048576" -> bytes, or null when unparseable. */
export function parseSize(raw: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(raw.trim());
  if (!match?.[1]) return null;
  const value = Number(match[1]);
  const factor = SIZE_UNITS[(match[2] ?? "b").toLowerCase()];
  if (factor === undefined || value <= 0) return null;
  return Math.floor(value * factor);
}

/** true/false in the spellings operators use; null when it is neither. */
export function parseBoolean(raw: string): boolean | null {
  const value = raw.trim().toLowerCase();
  if (["true", "1", "yes", "on"].includes(value)) return true;
  if (["false", "0", "no", "off"].includes(value)) return false;
  return null;
}

/** A whole number within [min, max], or null. */
export function parseInteger(raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number | null {
  const value = raw.trim();
  if (!/^-?\d+$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

/** Hides a secret in error messages: keeps enough to recognise it, never enough to use it. */
export function maskSecret(raw: string): string {
  if (raw.length <= 4) return "****";
  return `${raw.slice(0, 2)}****(${raw.length} chars)`;
}

/**
 * Hides the password of a connection URL, including malformed ones such as "user:pw@host" (where
 * a URL parser would take "user" for the scheme and see no password at all).
 */
export function maskUrlPassword(raw: string): string {
  return raw.replace(/([^:\s/@]*):([^@\s/]*)@/g, "$1:****@");
}
