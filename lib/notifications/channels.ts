// Channel management for the Notifications settings page. Secrets are encrypted at rest and only
// ever returned masked; an update that leaves a secret out keeps the stored one.
import { z } from "zod";
import * as q from "@/db/queries/notifications";
import type { NotificationChannel } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { type ChannelType, channelSchemas, type ResolvedChannel } from "./types";

const channelInput = <T extends ChannelType>(type: T) =>
  z.object({
    type: z.literal(type),
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean().default(true),
    config: channelSchemas[type].config,
    secrets: channelSchemas[type].secrets,
  });

export const createChannelSchema = z.discriminatedUnion("type", [
  channelInput("email"),
  channelInput("webhook"),
  channelInput("slack"),
  channelInput("discord"),
  channelInput("teams"),
  channelInput("ntfy"),
  channelInput("gotify"),
]);
export type CreateChannelInput = z.input<typeof createChannelSchema>;

export const updateChannelSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  enabled: z.boolean().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  // A value replaces the secret, null clears it, an absent or empty one keeps it.
  secrets: z.record(z.string(), z.string().nullable()).optional(),
});
export type UpdateChannelInput = z.input<typeof updateChannelSchema>;

export type ChannelView = {
  id: string;
  name: string;
  type: ChannelType;
  enabled: boolean;
  config: Record<string, unknown>;
  /** Each stored secret, masked: never the value itself. */
  secrets: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
};

export function maskSecret(value: string): string {
  if (/^https?:\/\//i.test(value)) {
    try {
      return `${new URL(value).origin}/••••••••`;
    } catch {
      return "••••••••";
    }
  }
  return value.length >= 16 ? `••••••••${value.slice(-4)}` : "••••••••";
}

/**
 * A webhook's URL is its credential (whoever knows it can post), and an ntfy or Gotify server URL
 * may carry one (user:password@, ?auth=): shown masked like a secret. A plain server URL stays
 * readable.
 */
function maskConfig(type: ChannelType, config: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  if (type === "webhook" && typeof out.url === "string") out.url = maskSecret(out.url);
  if (typeof out.serverUrl === "string" && carriesCredentials(out.serverUrl)) {
    out.serverUrl = maskSecret(out.serverUrl);
  }
  return out;
}

function carriesCredentials(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "";
  } catch {
    return true;
  }
}

/** A URL field left empty, or sent back as its mask, keeps the stored URL. */
function keepingUrls(
  changes: Record<string, unknown>,
  existing: Record<string, unknown>,
  type: ChannelType,
): Record<string, unknown> {
  const masked = maskConfig(type, existing);
  return Object.fromEntries(
    Object.entries(changes).filter(
      ([key, value]) => !((key === "url" || key === "serverUrl") && (value === "" || value === masked[key])),
    ),
  );
}

function readSecrets(row: NotificationChannel): Record<string, string> {
  if (!row.secretEncrypted) return {};
  return JSON.parse(decryptSecret(row.secretEncrypted)) as Record<string, string>;
}

function writeSecrets(secrets: Record<string, unknown>): string | null {
  const present = Object.fromEntries(
    Object.entries(secrets).filter(([, v]) => typeof v === "string" && v !== ""),
  );
  return Object.keys(present).length > 0 ? encryptSecret(JSON.stringify(present)) : null;
}

/** For display only: secrets stored under another encryption key must not break the whole list. */
function readSecretsForView(row: NotificationChannel): Record<string, string> {
  try {
    return readSecrets(row);
  } catch {
    return {};
  }
}

function toView(row: NotificationChannel): ChannelView {
  const secrets = Object.fromEntries(
    Object.entries(readSecretsForView(row)).map(([k, v]) => [k, maskSecret(v)]),
  );
  const { secretEncrypted: _hidden, ...rest } = row;
  const type = row.type as ChannelType;
  return { ...rest, type, config: maskConfig(type, row.config), secrets };
}

/** The channel with decrypted secrets, for sending only. */
export async function resolveChannel(id: string): Promise<ResolvedChannel | null> {
  const row = await q.getChannelById(id);
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    type: row.type as ChannelType,
    config: row.config,
    secrets: readSecrets(row),
  };
}

export async function listChannels(): Promise<ChannelView[]> {
  return (await q.listChannelRows()).map(toView);
}

export async function getChannel(id: string): Promise<ChannelView | null> {
  const row = await q.getChannelById(z.uuid().parse(id));
  return row ? toView(row) : null;
}

export async function createChannel(
  input: CreateChannelInput,
  _actorUserId: string | null,
): Promise<ChannelView> {
  const parsed = createChannelSchema.parse(input);
  const row = await q.insertChannel({
    name: parsed.name,
    type: parsed.type,
    enabled: parsed.enabled,
    config: parsed.config,
    secretEncrypted: writeSecrets(parsed.secrets),
  });
  return toView(row);
}

export async function updateChannel(
  id: string,
  input: UpdateChannelInput,
  _actorUserId: string | null,
): Promise<ChannelView | null> {
  const existing = await q.getChannelById(z.uuid().parse(id));
  if (!existing) return null;
  const parsed = updateChannelSchema.parse(input);
  const type = existing.type as ChannelType;
  const secrets: Record<string, unknown> = { ...readSecrets(existing) };
  for (const [key, value] of Object.entries(parsed.secrets ?? {})) {
    if (value === null) delete secrets[key];
    else if (value !== "") secrets[key] = value;
  }
  const config = channelSchemas[type].config.parse({
    ...existing.config,
    ...keepingUrls(parsed.config ?? {}, existing.config, type),
  });
  const validSecrets = channelSchemas[type].secrets.parse(secrets);
  const row = await q.updateChannel(existing.id, {
    name: parsed.name,
    enabled: parsed.enabled,
    config,
    secretEncrypted: writeSecrets(validSecrets),
  });
  return row ? toView(row) : null;
}

export function deleteChannel(id: string, _actorUserId: string | null): Promise<boolean> {
  return q.deleteChannel(z.uuid().parse(id));
}
