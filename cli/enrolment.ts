// Auto-enrolment tokens from the command line (the UI comes with the UI issue).
import { z } from "zod";
import { createEnrolmentToken, listEnrolmentTokens, setEnrolmentTokenActive } from "@/db/queries/enrolment";
import { ensureHostGroups } from "@/db/queries/hosts";
import { getSettings } from "@/db/queries/settings";
import { generateEnrolmentKey, generateSecret, hashSecret } from "@/lib/agent/credentials";
import { enrolmentCommands } from "@/lib/agent/enrolment-commands";
import { curlFlags, resolveServerUrl } from "@/lib/agent/install-script";
import { isValidIpRange } from "@/lib/api/ip-allow-list";
import { parseDuration } from "@/lib/config/parsers";
import { CliError } from "./prompt";
import { printTable } from "./table";

const createSchema = z.object({
  name: z
    .string({ error: "is required" })
    .trim()
    .min(1, "is required")
    .max(255)
    .refine((value) => !/\p{Cc}/u.test(value), "must not contain control characters"),
  maxPerDay: z.coerce.number().int().min(1).max(100_000).default(100),
  allow: z
    .array(z.string().trim().refine(isValidIpRange, "must be an IPv4/IPv6 address or CIDR"))
    .default([]),
  groups: z.array(z.string().trim().min(1)).default([]),
});

/** "30d", "12h" (from now) or an ISO date; undefined when not given. */
export function parseExpiry(raw: string | undefined, now = Date.now()): Date | null {
  if (raw === undefined) return null;
  const duration = parseDuration(raw);
  if (duration !== null && /[a-z]$/i.test(raw.trim())) return new Date(now + duration);
  const date = new Date(raw);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(raw.trim())) {
    throw new CliError(`--expires "${raw}" is neither a duration (30d, 12h) nor a date (2030-01-31)`);
  }
  if (date.getTime() <= now) throw new CliError(`--expires "${raw}" is in the past`);
  return date;
}

export async function enrolmentCreate(options: {
  name?: string;
  maxPerDay?: string;
  allow?: string[];
  expires?: string;
  groups?: string[];
}): Promise<void> {
  const parsed = createSchema.safeParse(options);
  if (!parsed.success) {
    const flag = (path: PropertyKey[]) =>
      ({ name: "--name", maxPerDay: "--max-per-day", allow: "--allow", groups: "--group" })[
        String(path[0])
      ] ?? String(path[0]);
    throw new CliError(parsed.error.issues.map((i) => `${flag(i.path)} ${i.message}`).join("; "));
  }
  const input = parsed.data;
  const expiresAt = parseExpiry(options.expires);
  const secret = generateSecret();
  const token = await createEnrolmentToken({
    name: input.name,
    tokenKey: generateEnrolmentKey(),
    secretHash: hashSecret(secret),
    maxHostsPerDay: input.maxPerDay,
    allowedIpRanges: input.allow,
    expiresAt,
    groupIds: await ensureHostGroups(input.groups),
  });
  const settings = await getSettings();
  const commands = enrolmentCommands({
    serverUrl: resolveServerUrl(settings),
    curlFlags: curlFlags(settings),
    tokenKey: token.tokenKey,
    secret,
  });
  console.log(`Created enrolment token "${token.name}".`);
  console.log(`Key:    ${token.tokenKey}`);
  console.log(`Secret: ${secret}`);
  console.log("The secret is shown once; it is stored only as a hash.");
  console.log(
    `Limits: ${token.maxHostsPerDay} hosts per day; addresses: ${token.allowedIpRanges.join(", ") || "any"}; ` +
      `expires: ${token.expiresAt?.toISOString() ?? "never"}.`,
  );
  console.log("");
  console.log("Enrol every running LXC container of a Proxmox node (as root on the node):");
  console.log(`  ${commands.proxmox}`);
  console.log("Enrol this host and install the agent (as root):");
  console.log(`  ${commands.direct}`);
}

export async function enrolmentList(json: boolean): Promise<void> {
  const tokens = await listEnrolmentTokens();
  if (json) {
    console.log(JSON.stringify(tokens, null, 2));
    return;
  }
  if (tokens.length === 0) {
    console.log("No enrolment tokens. Create one with: enrolment:create --name NAME");
    return;
  }
  const header = ["KEY", "NAME", "ACTIVE", "PER DAY", "ENROLLED", "EXPIRES", "ALLOW", "GROUPS"];
  const rows = tokens.map((t) => [
    t.tokenKey,
    t.name,
    t.isActive ? "yes" : "no",
    String(t.maxHostsPerDay),
    String(t.enrolledHosts),
    t.expiresAt?.toISOString() ?? "never",
    t.allowedIpRanges.join(",") || "any",
    t.groups.join(",") || "-",
  ]);
  printTable(header, rows);
}

export async function enrolmentDisable(key: string | undefined): Promise<void> {
  if (!key) throw new CliError("give the key of the enrolment token (see enrolment:list)");
  if (!(await setEnrolmentTokenActive(key.trim(), false))) throw new CliError(`no enrolment token "${key}"`);
  console.log(`Disabled enrolment token ${key.trim()}; hosts it enrolled keep working.`);
}
