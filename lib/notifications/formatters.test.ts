import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderEmail, renderHttpRequest, signBody } from "./formatters";
import { alertMessage } from "./messages";
import type { NotificationAlert, ResolvedChannel } from "./types";

const alert: NotificationAlert = {
  id: "00000000-0000-4000-8000-000000000001",
  type: "host_offline",
  severity: "error",
  status: "open",
  title: "web-01 is offline",
  message: "No contact since 2026-11-26T10:00:00.000Z.",
  host: { id: "00000000-0000-4000-8000-0000000000aa", name: "web-01" },
  createdAt: "2026-11-26T10:30:00.000Z",
};
const message = alertMessage(alert);
const ctx = { deliveryId: "d-1", timestamp: 1_764_153_000, serverUrl: "https://patchmon.example.com" };
const channel = (type: ResolvedChannel["type"], config = {}, secrets = {}): ResolvedChannel => ({
  id: "c",
  name: "c",
  type,
  config,
  secrets,
});

describe("channel formatters", () => {
  it("webhook: documented JSON body and a signature over the raw body", () => {
    const req = renderHttpRequest(
      channel("webhook", { url: "http://127.0.0.1:9/hook" }, { hmacSecret: "s".repeat(32) }),
      message,
      ctx,
    );
    expect(req.url).toBe("http://127.0.0.1:9/hook");
    const body = JSON.parse(req.body);
    expect(body).toEqual({
      version: 1,
      event: "alert",
      timestamp: ctx.timestamp,
      deliveryId: "d-1",
      title: alert.title,
      summary: message.summary,
      server: ctx.serverUrl,
      alerts: [alert],
    });
    expect(req.headers["X-PatchMon-Timestamp"]).toBe(String(ctx.timestamp));
    expect(req.headers["X-PatchMon-Event"]).toBe("alert");
    const expected = createHmac("sha256", "s".repeat(32)).update(req.body).digest("hex");
    expect(req.headers["X-PatchMon-Signature"]).toBe(`sha256=${expected}`);
    expect(signBody("k", "{}")).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it("webhook without a secret sends no signature", () => {
    const req = renderHttpRequest(channel("webhook", { url: "http://x/" }), message, ctx);
    expect(req.headers["X-PatchMon-Signature"]).toBeUndefined();
  });

  it("slack, discord and teams post to the secret webhook URL in their formats", () => {
    const url = "https://hooks.example.com/T000/B000/XXXX";
    const slack = renderHttpRequest(channel("slack", {}, { webhookUrl: url }), message, ctx);
    expect(slack.url).toBe(url);
    expect(JSON.parse(slack.body).text).toContain("*web-01 is offline*");
    const discord = JSON.parse(
      renderHttpRequest(channel("discord", {}, { webhookUrl: url }), message, ctx).body,
    );
    expect(discord.embeds[0]).toMatchObject({ title: alert.title, color: 0xef4444 });
    const teams = JSON.parse(renderHttpRequest(channel("teams", {}, { webhookUrl: url }), message, ctx).body);
    expect(teams.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams.attachments[0].content.body[0].text).toBe(alert.title);
  });

  it("ntfy publishes JSON to the server root with the topic, gotify to /message with its key", () => {
    const ntfy = renderHttpRequest(
      channel("ntfy", { serverUrl: "https://ntfy.example.com/", topic: "ops" }, { token: "tk" }),
      message,
      ctx,
    );
    expect(ntfy.url).toBe("https://ntfy.example.com");
    expect(ntfy.headers.Authorization).toBe("Bearer tk");
    expect(JSON.parse(ntfy.body)).toMatchObject({ topic: "ops", title: alert.title, priority: 4 });
    const gotify = renderHttpRequest(
      channel("gotify", { serverUrl: "https://gotify.example.com" }, { token: "gk" }),
      message,
      ctx,
    );
    expect(gotify.url).toBe("https://gotify.example.com/message");
    expect(gotify.headers["X-Gotify-Key"]).toBe("gk");
    expect(JSON.parse(gotify.body)).toMatchObject({ title: alert.title, priority: 8 });
  });

  it("email has a tagged subject and the summary in the text", () => {
    const email = renderEmail(message, ctx);
    expect(email.subject).toBe("[PatchMon] web-01 is offline");
    expect(email.text).toContain("No contact since");
    expect(() => renderHttpRequest(channel("email"), message, ctx)).toThrow();
  });
});
