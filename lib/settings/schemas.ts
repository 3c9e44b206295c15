// Input of the Settings pages: raw form values in, clean values out. Shared by the services (which
// parse again, so a direct call is as safe as a form post) and the forms (the allowed intervals).
import { z } from "zod";
import { SERVER_PROTOCOLS } from "@/db/schema";
import { isValidIpRange } from "@/lib/api/ip-allow-list";

/** The agent report intervals in minutes: 5..55 in steps of 5, then hourly steps the cron can express. */
export const UPDATE_INTERVALS: readonly number[] = [
  ...Array.from({ length: 11 }, (_, i) => (i + 1) * 5),
  60,
  120,
  180,
  360,
  720,
  1440,
];

/** Raw form values: the services parse them, so a form post and a direct call are checked alike. */
export type RawInput = Record<string, unknown>;

/** A checkbox or switch: present ("on"/"true") is true, absent or "false" is false. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

// Labels of a DNS name (underscores occur in internal DNS), an IPv4 address or a bracketed IPv6
// address: exactly what the install-script URL check accepts, so a saved host always renders.
const HOST =
  /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*|\[[0-9A-Fa-f:.]+\])$/;

export const serverSettingsSchema = z.object({
  serverProtocol: z.enum(SERVER_PROTOCOLS, { error: "Choose http or https." }),
  serverHost: z
    .string()
    .trim()
    .min(1, "Enter the host name or address agents reach the server at.")
    .max(253)
    // A bare IPv6 address is bracketed, as a URL needs it.
    .transform((value) => (value.includes(":") && !value.startsWith("[") ? `[${value}]` : value))
    .refine((value) => HOST.test(value), "Enter a host name, an IPv4 address or an IPv6 address."),
  serverPort: z.coerce
    .number({ error: "Enter a port number." })
    .int("Enter a whole number.")
    .min(1, "Ports run from 1 to 65535.")
    .max(65535, "Ports run from 1 to 65535."),
});
export type ServerSettingsInput = RawInput;

export const agentSettingsSchema = z.object({
  updateInterval: z.coerce
    .number({ error: "Choose an interval." })
    .refine((value) => UPDATE_INTERVALS.includes(value), "Choose one of the listed intervals."),
  autoUpdate: checkbox,
  ignoreSslSelfSigned: checkbox,
});
export type AgentSettingsInput = RawInput;

/** A form list: repeated fields, or one field of entries separated by commas, spaces or new lines. */
function list(raw: unknown): string[] {
  const values = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  return values
    .flatMap((value) => String(value).split(/[\s,]+/))
    .map((value) => value.trim())
    .filter(Boolean);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const enrolmentTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name.")
    .max(255)
    .refine((value) => !/\p{Cc}/u.test(value), "Must not contain control characters."),
  maxHostsPerDay: z.coerce
    .number({ error: "Enter a number." })
    .int("Enter a whole number.")
    .min(1, "At least 1.")
    .max(100_000, "At most 100000."),
  allowedIpRanges: z.preprocess(
    list,
    z
      .array(z.string())
      .max(100, "At most 100 entries.")
      .superRefine((entries, ctx) => {
        const bad = entries.filter((entry) => !isValidIpRange(entry));
        if (bad.length > 0)
          ctx.addIssue({ code: "custom", message: `Not an IPv4/IPv6 address or CIDR: ${bad.join(", ")}` });
      }),
  ),
  // A calendar day (the token works through the end of it, UTC) or nothing: never expires.
  expiresOn: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || /^\d{4}-\d{2}-\d{2}$/.test(value), "Pick a date.")
    .transform((value) => (value ? new Date(`${value}T23:59:59.999Z`) : null))
    .refine(
      (date) => date === null || (!Number.isNaN(date.getTime()) && date.getTime() > Date.now()),
      "Pick a day from today on.",
    ),
  groupIds: z.preprocess(list, z.array(z.string().regex(UUID, "Unknown host group.")).max(100)),
});
export type EnrolmentTokenInput = RawInput;
