// Notifications through Redis and a real worker process to a real SMTP sink and HTTP receiver.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Alert } from "@/db/schema";
import { raiseAlerts } from "@/lib/alerts/raise";
import { getAlertSettings } from "@/lib/alerts/settings";
import { dedupKeys } from "@/lib/alerts/types";
import { createChannel, listChannels } from "@/lib/notifications/channels";
import { runDigests } from "@/lib/notifications/dispatch";
import { createNotificationRule, listDeliveries, sendTest } from "@/lib/notifications/service";
import { closeQueueDriver } from "@/lib/queue";
import { addContactedHost, startWorker } from "../support/alerts";
import { useMigratedDatabase } from "../support/database";
import { waitFor } from "../support/processes";
import { startHttpReceiver, startSmtpSink } from "../support/receivers";
import { testDatabaseUrl, testRedisUrl } from "../support/services";

const redisUrl = testRedisUrl();
const SECRET = "whsec-0123456789abcdef0123456789";

describe.skipIf(!redisUrl || !testDatabaseUrl())("notification delivery", () => {
  useMigratedDatabase({ REDIS_URL: redisUrl ?? undefined, AI_ENCRYPTION_KEY: "e".repeat(64) });
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let http: Awaited<ReturnType<typeof startHttpReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const channels: Record<string, string> = {};
  let alert: Alert;

  beforeAll(async () => {
    // /flaky answers 500 twice, then 200.
    http = await startHttpReceiver((path, count) => (path === "/flaky" && count <= 2 ? 500 : 200));
    smtp = await startSmtpSink();
    worker = await startWorker(redisUrl as string, { AI_ENCRYPTION_KEY: "e".repeat(64) });
    const hook = await createChannel(
      { type: "webhook", name: "hook", config: { url: http.url("/hook") }, secrets: { hmacSecret: SECRET } },
      null,
    );
    const flaky = await createChannel(
      { type: "webhook", name: "flaky", config: { url: http.url("/flaky") }, secrets: {} },
      null,
    );
    const mail = await createChannel(
      {
        type: "email",
        name: "ops mail",
        config: {
          host: "127.0.0.1",
          port: smtp.port,
          tls: "none",
          from: "patchmon@example.com",
          to: ["ops@example.com"],
        },
        secrets: {},
      },
      null,
    );
    Object.assign(channels, { hook: hook.id, flaky: flaky.id, mail: mail.id });
    for (const channelId of [hook.id, flaky.id, mail.id]) {
      await createNotificationRule(
        { name: `rule ${channelId}`, channelId, alertTypes: ["host_offline"] },
        null,
      );
    }
    const host = await addContactedHost(500);
    // The worker's host-status monitor finds this host offline too, within a minute: the alert
    // carries the key the monitor would give it, so the monitor raises no second one (which would
    // be a second delivery to every channel).
    [alert] = (await raiseAlerts(
      "host_offline",
      [
        {
          hostId: host.id,
          title: `${host.friendlyName} is offline`,
          message: "gone",
          dedupKey: dedupKeys.hostOffline(host.id, host.lastContactAt as Date),
        },
      ],
      await getAlertSettings(),
      { once: true },
    )) as [Alert];
  }, 90_000);

  afterAll(async () => {
    await closeQueueDriver();
    await worker?.stop();
    await http?.close();
    await smtp?.close();
  });

  it("never returns a channel secret in full", async () => {
    const listed = JSON.stringify(await listChannels());
    expect(listed).not.toContain(SECRET);
    expect(listed).toContain("••••••••");
  });

  it("posts the documented payload with a verifiable signature", async () => {
    const request = await waitFor(async () => http.requests.find((r) => r.path === "/hook"), 30_000);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      version: 1,
      event: "alert",
      title: alert.title,
      alerts: [{ id: alert.id, type: "host_offline", severity: "error", status: "open", title: alert.title }],
    });
    expect(request.headers["x-patchmon-timestamp"]).toBe(String(body.timestamp));
    expect(Math.abs(Date.now() / 1000 - body.timestamp)).toBeLessThan(120);
    const expected = `sha256=${createHmac("sha256", SECRET).update(request.body).digest("hex")}`;
    expect(request.headers["x-patchmon-signature"]).toBe(expected);
    expect(request.headers["x-patchmon-delivery"]).toBe(body.deliveryId);
  });

  it("sends the alert by email to the SMTP sink", async () => {
    const mail = await waitFor(async () => smtp.messages[0], 30_000);
    expect(mail.from).toBe("patchmon@example.com");
    expect(mail.to).toEqual(["ops@example.com"]);
    expect(mail.data).toContain(`Subject: [PatchMon] ${alert.title}`);
  });

  it("delivers once to a receiver that fails twice, after retries with backoff", async () => {
    await waitFor(async () => http.requests.some((r) => r.path === "/flaky" && r.status === 200), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const flaky = http.requests.filter((r) => r.path === "/flaky");
    expect(flaky.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(flaky.map((r) => r.headers["x-patchmon-delivery"])).size).toBe(1);
    const log = await listDeliveries({ channelId: channels.flaky });
    expect(log.total).toBe(1);
    expect(log.rows[0]).toMatchObject({
      status: "sent",
      attempts: 3,
      alertId: alert.id,
      channelName: "flaky",
    });
  }, 90_000);

  it("sends a test message and logs it", async () => {
    const result = await sendTest(channels.hook as string, null);
    expect(result?.deliveryId).toBeDefined();
    const request = await waitFor(async () =>
      http.requests.find((r) => r.path === "/hook" && JSON.parse(r.body).event === "test"),
    );
    expect(JSON.parse(request.body).deliveryId).toBe(result?.deliveryId);
    const log = await waitFor(async () => {
      const page = await listDeliveries({ channelId: channels.hook, status: "sent" });
      return page.rows.find((row) => row.id === result?.deliveryId);
    });
    expect(log.title).toBe("PatchMon test notification");
    expect(await sendTest("00000000-0000-4000-8000-000000000000", null)).toBeNull();
  });

  it("sends at most one digest per channel per period, summarising the alerts of all its digest rules", async () => {
    const hook = channels.hook as string;
    await createNotificationRule(
      {
        name: "digest",
        channelId: hook,
        alertTypes: ["agent_outdated"],
        minSeverity: "informational",
        digestMinutes: 30,
      },
      null,
    );
    await createNotificationRule(
      {
        name: "digest 2",
        channelId: hook,
        alertTypes: ["reboot_required"],
        minSeverity: "informational",
        digestMinutes: 60,
      },
      null,
    );
    const hosts = await Promise.all([addContactedHost(), addContactedHost(), addContactedHost()]);
    const settings = await getAlertSettings();
    await raiseAlerts(
      "agent_outdated",
      hosts.map((h) => ({
        hostId: h.id,
        title: `old agent on ${h.friendlyName}`,
        message: "1.0",
        dedupKey: `old:${h.id}`,
      })),
      settings,
      { once: true },
    );
    await raiseAlerts(
      "reboot_required",
      [{ hostId: hosts[0]?.id as string, title: "reboot", message: "r", dedupKey: `rb:${hosts[0]?.id}` }],
      settings,
      { once: true },
    );
    await runDigests(new Date());
    await runDigests(new Date());
    const digests = () =>
      http.requests.filter((r) => r.path === "/hook" && JSON.parse(r.body).event === "digest");
    const [digest] = await waitFor(async () => (digests().length > 0 ? digests() : undefined));
    const body = JSON.parse(digest?.body ?? "{}");
    expect(body.alerts).toHaveLength(4);
    expect(body.title).toBe("4 alerts in the last 30 minutes");
    expect(body.summary.split("\n")).toEqual([
      expect.stringMatching(/^1 × Reboot required \(warning\): /),
      expect.stringMatching(/^3 × Agent out of date \(informational\): /),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(digests()).toHaveLength(1);
  });
});
