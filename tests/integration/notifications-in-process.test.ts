// Notifications with no Redis: delivery jobs run in this process. Also the channel secrets'
// lifecycle: encrypted at rest, masked when listed, kept when an update leaves them out.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { notificationChannels } from "@/db/schema";
import { raiseAlerts } from "@/lib/alerts/raise";
import { getAlertSettings } from "@/lib/alerts/settings";
import { createChannel, getChannel, updateChannel } from "@/lib/notifications/channels";
import { createNotificationRule, listDeliveries, sendTest } from "@/lib/notifications/service";
import { closeQueueDriver } from "@/lib/queue";
import { startJobsInWebProcessIfNeeded } from "@/workers/in-process";
import { addContactedHost } from "../support/alerts";
import { useMigratedDatabase } from "../support/database";
import { waitFor } from "../support/processes";
import { startHttpReceiver, startSmtpSink } from "../support/receivers";

const PASSWORD = "smtp-pass-0123456789";

describe("notifications without Redis", () => {
  useMigratedDatabase({ REDIS_URL: undefined, REDIS_HOST: undefined });
  let http: Awaited<ReturnType<typeof startHttpReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    startJobsInWebProcessIfNeeded();
    http = await startHttpReceiver();
    smtp = await startSmtpSink({ user: "mailer", pass: PASSWORD });
  });
  afterAll(async () => {
    await closeQueueDriver();
    await http.close();
    await smtp.close();
  });

  it("stores secrets encrypted, lists them masked and keeps them across updates", async () => {
    const channel = await createChannel(
      {
        type: "email",
        name: "auth mail",
        config: {
          host: "127.0.0.1",
          port: smtp.port,
          tls: "none",
          user: "mailer",
          from: "pm@example.com",
          to: ["a@example.com"],
        },
        secrets: { password: PASSWORD },
      },
      null,
    );
    const [row] = await getDb()
      .select()
      .from(notificationChannels)
      .where(eq(notificationChannels.id, channel.id));
    expect(row?.secretEncrypted).toMatch(/^v1:/);
    expect(row?.secretEncrypted).not.toContain(PASSWORD);
    expect(channel.secrets).toEqual({ password: "••••••••6789" });
    expect(JSON.stringify(await getChannel(channel.id))).not.toContain(PASSWORD);

    const renamed = await updateChannel(channel.id, { name: "ops mail", secrets: { password: "" } }, null);
    expect(renamed).toMatchObject({ name: "ops mail", secrets: { password: "••••••••6789" } });

    // The kept password still authenticates: a test message reaches the sink.
    const sent = await sendTest(channel.id, null);
    await waitFor(async () => smtp.messages.length > 0, 30_000);
    expect(smtp.messages[0]?.data).toContain("Subject: [PatchMon] PatchMon test notification");
    const log = await waitFor(async () =>
      (await listDeliveries({ channelId: channel.id })).rows.find(
        (r) => r.id === sent?.deliveryId && r.status === "sent",
      ),
    );
    expect(log.attempts).toBe(1);
  });

  it("delivers an alert to a webhook in process, only for matching rules", async () => {
    const hook = await createChannel(
      { type: "webhook", name: "hook", config: { url: http.url("/in") }, secrets: {} },
      null,
    );
    await createNotificationRule({ name: "errors", channelId: hook.id, minSeverity: "error" }, null);
    const host = await addContactedHost();
    const settings = await getAlertSettings();
    await raiseAlerts(
      "agent_outdated",
      [{ hostId: host.id, title: "informational only", message: "m", dedupKey: `ip:${host.id}:1` }],
      settings,
      { once: true },
    );
    const [offline] = await raiseAlerts(
      "host_offline",
      [{ hostId: host.id, title: "offline now", message: "m", dedupKey: `ip:${host.id}:2` }],
      settings,
      { once: true },
    );
    const request = await waitFor(async () => http.requests.find((r) => r.path === "/in"), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(http.requests.filter((r) => r.path === "/in")).toHaveLength(1);
    expect(JSON.parse(request.body).alerts[0]).toMatchObject({
      id: offline?.id,
      host: { id: host.id, name: host.friendlyName },
    });
  });
});
