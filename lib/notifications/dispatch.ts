// From alerts to delivery rows: immediate rules get one delivery per alert and channel, digest
// rules one summary per period (notification-digest job). Each delivery is its own queued job, so
// a failing channel retries alone.
import {
  insertDeliveries,
  listActiveRules,
  listAlertsForDigest,
  listHostGroupIds,
  listHostNames,
  listUnattemptedDeliveries,
} from "@/db/queries/notifications";
import type { Alert } from "@/db/schema";
import { getLogger } from "@/lib/logger";
import { enqueue } from "@/lib/queue";
import { notificationDeliveryJob } from "@/lib/queue/definitions";
import { alertMessage, digestMessage, matchesRule, testMessage, toNotificationAlert } from "./messages";
import type { NotificationAlert } from "./types";

async function queueDeliveries(ids: string[]): Promise<void> {
  for (const deliveryId of ids) {
    try {
      await enqueue(notificationDeliveryJob.name, { deliveryId }, "schedule");
    } catch (error) {
      // The row stays pending with no attempt; the digest job re-queues such rows.
      getLogger("notifications").warn(
        { deliveryId, error: error instanceof Error ? error.message : String(error) },
        "could not queue a notification delivery",
      );
    }
  }
}

/** Plans and queues the immediate notifications of newly raised alerts. */
export async function notifyAlerts(alerts: Alert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const rules = await listActiveRules(false);
  if (rules.length === 0) return 0;
  const hostIds = [...new Set(alerts.flatMap((a) => (a.hostId ? [a.hostId] : [])))];
  const [groups, names] = await Promise.all([listHostGroupIds(hostIds), listHostNames(hostIds)]);
  const rows = alerts.flatMap((alert) => {
    const item = toNotificationAlert(alert, alert.hostId ? (names.get(alert.hostId) ?? null) : null);
    const hostGroups = alert.hostId ? (groups.get(alert.hostId) ?? []) : [];
    const channels = new Set<string>();
    return rules.flatMap((rule) => {
      // Two rules sending one alert to one channel deliver it once.
      if (channels.has(rule.channelId) || !matchesRule(rule, item, hostGroups)) return [];
      channels.add(rule.channelId);
      return [{ channelId: rule.channelId, ruleId: rule.id, alertId: alert.id, payload: alertMessage(item) }];
    });
  });
  const ids = await insertDeliveries(rows);
  await queueDeliveries(ids);
  return ids.length;
}

/**
 * At most one digest per channel per period: the channel's digest rules are merged (the shortest
 * period wins) and the alerts any of them covers since the channel's last digest are summarised.
 */
export async function runDigests(now = new Date()): Promise<Record<string, number>> {
  const byChannel = new Map<string, Awaited<ReturnType<typeof listActiveRules>>>();
  for (const rule of await listActiveRules(true)) {
    byChannel.set(rule.channelId, [...(byChannel.get(rule.channelId) ?? []), rule]);
  }
  let sent = 0;
  for (const [channelId, rules] of byChannel) {
    const minutes = Math.min(...rules.map((rule) => rule.digestMinutes ?? 60));
    const last = rules[0]?.lastDigestAt ?? null;
    if (last && now.getTime() - last.getTime() < minutes * 60_000) continue;
    const items = new Map<string, NotificationAlert>();
    for (const rule of rules) {
      const since = last ?? rule.createdAt;
      for (const { alert, hostName } of await listAlertsForDigest(rule, since, now)) {
        items.set(alert.id, toNotificationAlert(alert, hostName));
      }
    }
    if (items.size === 0) continue;
    const alerts = [...items.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const ids = await insertDeliveries([
      {
        channelId,
        ruleId: rules.length === 1 ? (rules[0]?.id ?? null) : null,
        alertId: null,
        payload: digestMessage(alerts, minutes),
      },
    ]);
    await queueDeliveries(ids);
    sent += ids.length;
  }
  const lost = await listUnattemptedDeliveries(new Date(now.getTime() - 2 * 60_000));
  await queueDeliveries(lost);
  return { digests: sent, requeued: lost.length };
}

/** Queues a test message to one channel (the "send test" button); returns the delivery id. */
export async function queueTestMessage(channel: { id: string; name: string }): Promise<string> {
  const [id] = await insertDeliveries([
    { channelId: channel.id, ruleId: null, alertId: null, payload: testMessage(channel.name) },
  ]);
  if (!id) throw new Error("test delivery insert returned no row");
  await queueDeliveries([id]);
  return id;
}
