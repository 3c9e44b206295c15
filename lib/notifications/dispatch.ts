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

/** Sends each digest rule's summary when its period has elapsed and it has something to say. */
export async function runDigests(now = new Date()): Promise<Record<string, number>> {
  const rules = await listActiveRules(true);
  let sent = 0;
  for (const rule of rules) {
    const minutes = rule.digestMinutes ?? 60;
    const since = rule.lastDigestAt ?? rule.createdAt;
    if (rule.lastDigestAt && now.getTime() - rule.lastDigestAt.getTime() < minutes * 60_000) continue;
    const found = await listAlertsForDigest(rule, since, now);
    if (found.length === 0) continue;
    const items = found.map(({ alert, hostName }) => toNotificationAlert(alert, hostName));
    const ids = await insertDeliveries([
      { channelId: rule.channelId, ruleId: rule.id, alertId: null, payload: digestMessage(items, minutes) },
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
