// Channel settings per type (what the UI edits) and the message every channel renders.
//
// Generic webhook payload (POST, Content-Type: application/json), version 1:
//   {
//     "version": 1,
//     "event": "alert" | "digest" | "test",
//     "timestamp": 1764201600,            // Unix seconds, equal to the X-PatchMon-Timestamp header
//     "deliveryId": "uuid",               // equal to X-PatchMon-Delivery; stable across retries
//     "title": "web-01 is offline",
//     "summary": "one line per alert, for people",
//     "server": "https://patchmon.example.com",
//     "alerts": [{ "id", "type", "severity", "status", "title", "message",
//                  "host": { "id", "name" } | null, "createdAt": ISO 8601 }]
//   }
// Headers: X-PatchMon-Event, X-PatchMon-Delivery, X-PatchMon-Timestamp and, when the channel has
// a signing secret, X-PatchMon-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>. The body
// carries the timestamp, so the signature covers it: receivers verify over the exact bytes
// received and reject stale timestamps to stop replays.
import { z } from "zod";
import type { AlertSeverity } from "@/db/schema/enums";

const httpUrl = z.url({ protocol: /^https?$/ });

export const channelSchemas = {
  email: {
    config: z.object({
      host: z.string().trim().min(1).max(255),
      port: z.coerce.number().int().min(1).max(65535).default(587),
      // none: plain (local relays, tests); starttls: upgrade required; tls: implicit TLS (465).
      tls: z.enum(["none", "starttls", "tls"]).default("starttls"),
      user: z.string().max(255).optional(),
      from: z.string().trim().min(3).max(320),
      to: z.array(z.email()).min(1).max(50),
    }),
    secrets: z.object({ password: z.string().max(1000).optional() }),
  },
  webhook: {
    config: z.object({ url: httpUrl }),
    secrets: z.object({ hmacSecret: z.string().min(16).max(500).optional() }),
  },
  slack: { config: z.object({}), secrets: z.object({ webhookUrl: httpUrl }) },
  discord: { config: z.object({}), secrets: z.object({ webhookUrl: httpUrl }) },
  teams: { config: z.object({}), secrets: z.object({ webhookUrl: httpUrl }) },
  ntfy: {
    config: z.object({
      serverUrl: httpUrl.default("https://ntfy.sh"),
      topic: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    }),
    secrets: z.object({ token: z.string().max(500).optional() }),
  },
  gotify: {
    config: z.object({ serverUrl: httpUrl }),
    secrets: z.object({ token: z.string().min(1).max(500) }),
  },
} as const;

export type ChannelType = keyof typeof channelSchemas;
export type ChannelConfig<T extends ChannelType> = z.infer<(typeof channelSchemas)[T]["config"]>;
export type ChannelSecrets<T extends ChannelType> = z.infer<(typeof channelSchemas)[T]["secrets"]>;

/** A channel ready to send: config parsed, secrets decrypted. Never leaves the server. */
export type ResolvedChannel = {
  id: string;
  name: string;
  type: ChannelType;
  config: Record<string, unknown>;
  secrets: Record<string, string | undefined>;
};

export type NotificationAlert = {
  id: string;
  type: string;
  severity: AlertSeverity;
  status: string;
  title: string;
  message: string | null;
  host: { id: string; name: string } | null;
  createdAt: string;
};

/** Stored in notification_deliveries.payload and rendered per channel type when sent. */
export type NotificationMessage = {
  event: "alert" | "digest" | "test";
  title: string;
  summary: string;
  alerts: NotificationAlert[];
};

export const notificationMessageSchema = z.object({
  event: z.enum(["alert", "digest", "test"]),
  title: z.string(),
  summary: z.string(),
  alerts: z.array(z.any()),
}) as unknown as z.ZodType<NotificationMessage>;
