// Renders one message for each channel type. Pure: the same input gives the same bytes, so the
// webhook signature can be checked in tests and by receivers.
import { createHmac } from "node:crypto";
import type { AlertSeverity } from "@/db/schema/enums";
import type { NotificationMessage, ResolvedChannel } from "./types";

export type RenderContext = { deliveryId: string; timestamp: number; serverUrl: string };
export type HttpRequestSpec = { url: string; headers: Record<string, string>; body: string };

const SEVERITY_COLOURS: Record<AlertSeverity, number> = {
  informational: 0x3b82f6,
  warning: 0xf59e0b,
  error: 0xef4444,
  critical: 0x7f1d1d,
};

function topSeverity(message: NotificationMessage): AlertSeverity {
  const order: AlertSeverity[] = ["critical", "error", "warning", "informational"];
  return order.find((s) => message.alerts.some((a) => a.severity === s)) ?? "informational";
}

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export function webhookBody(message: NotificationMessage, ctx: RenderContext): string {
  return JSON.stringify({
    version: 1,
    event: message.event,
    timestamp: ctx.timestamp,
    deliveryId: ctx.deliveryId,
    title: message.title,
    summary: message.summary,
    server: ctx.serverUrl,
    alerts: message.alerts,
  });
}

const json = { "Content-Type": "application/json" };
const ntfyPriority: Record<AlertSeverity, number> = { informational: 2, warning: 3, error: 4, critical: 5 };
const text = (message: NotificationMessage) => `${message.title}\n${message.summary}`;

export function renderHttpRequest(
  channel: ResolvedChannel,
  message: NotificationMessage,
  ctx: RenderContext,
): HttpRequestSpec {
  const secret = (name: string) => channel.secrets[name] ?? "";
  const config = channel.config as Record<string, string>;
  switch (channel.type) {
    case "webhook": {
      const body = webhookBody(message, ctx);
      const headers: Record<string, string> = {
        ...json,
        "User-Agent": "PatchMon-Webhook/1",
        "X-PatchMon-Event": message.event,
        "X-PatchMon-Delivery": ctx.deliveryId,
        "X-PatchMon-Timestamp": String(ctx.timestamp),
      };
      const hmac = channel.secrets.hmacSecret;
      if (hmac) headers["X-PatchMon-Signature"] = signBody(hmac, body);
      return { url: config.url ?? "", headers, body };
    }
    case "slack":
      return {
        url: secret("webhookUrl"),
        headers: json,
        body: JSON.stringify({
          text: `*${message.title}*\n${message.summary}`,
          blocks: [
            { type: "header", text: { type: "plain_text", text: message.title.slice(0, 150) } },
            { type: "section", text: { type: "mrkdwn", text: message.summary.slice(0, 3000) } },
          ],
        }),
      };
    case "discord":
      return {
        url: secret("webhookUrl"),
        headers: json,
        body: JSON.stringify({
          username: "PatchMon",
          embeds: [
            {
              title: message.title.slice(0, 256),
              description: message.summary.slice(0, 4096),
              color: SEVERITY_COLOURS[topSeverity(message)],
              url: ctx.serverUrl,
            },
          ],
        }),
      };
    case "teams":
      return {
        url: secret("webhookUrl"),
        headers: json,
        body: JSON.stringify({
          type: "message",
          attachments: [
            {
              contentType: "application/vnd.microsoft.card.adaptive",
              content: {
                $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
                type: "AdaptiveCard",
                version: "1.4",
                body: [
                  { type: "TextBlock", size: "Medium", weight: "Bolder", text: message.title, wrap: true },
                  { type: "TextBlock", text: message.summary, wrap: true },
                ],
              },
            },
          ],
        }),
      };
    case "ntfy": {
      const headers: Record<string, string> = { ...json };
      if (channel.secrets.token) headers.Authorization = `Bearer ${channel.secrets.token}`;
      return {
        url: (config.serverUrl ?? "https://ntfy.sh").replace(/\/+$/, ""),
        headers,
        body: JSON.stringify({
          topic: config.topic,
          title: message.title,
          message: message.summary,
          priority: ntfyPriority[topSeverity(message)],
          tags: ["patchmon", message.event],
          click: ctx.serverUrl,
        }),
      };
    }
    case "gotify":
      return {
        url: `${(config.serverUrl ?? "").replace(/\/+$/, "")}/message`,
        headers: { ...json, "X-Gotify-Key": secret("token") },
        body: JSON.stringify({
          title: message.title,
          message: message.summary,
          priority: ntfyPriority[topSeverity(message)] * 2,
        }),
      };
    case "email":
      throw new Error("email channels are not sent over HTTP");
  }
}

export function renderEmail(
  message: NotificationMessage,
  ctx: Pick<RenderContext, "serverUrl">,
): { subject: string; text: string } {
  return {
    subject: `[PatchMon] ${message.title}`,
    text: `${text(message)}\n\n${ctx.serverUrl}\n`,
  };
}
