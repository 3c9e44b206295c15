// Builds the messages (single alert, digest, test) and decides which rules an alert matches.
import type { Alert, NotificationRule } from "@/db/schema";
import { ALERT_TYPE_LABELS, type AlertKind, severityRank } from "@/lib/alerts/types";
import type { NotificationAlert, NotificationMessage } from "./types";

export function toNotificationAlert(alert: Alert, hostName: string | null): NotificationAlert {
  return {
    id: alert.id,
    type: alert.type,
    severity: alert.severity,
    status: alert.status,
    title: alert.title,
    message: alert.message,
    host: alert.hostId
      ? { id: alert.hostId, name: hostName ?? String(alert.metadata?.hostName ?? "") }
      : null,
    createdAt: alert.createdAt.toISOString(),
  };
}

export function alertMessage(alert: NotificationAlert): NotificationMessage {
  return {
    event: "alert",
    title: alert.title,
    summary: `${alert.severity.toUpperCase()}: ${alert.message ?? alert.title}`,
    alerts: [alert],
  };
}

const label = (type: string) => ALERT_TYPE_LABELS[type as AlertKind] ?? type;

export type DigestGroup = {
  type: string;
  severity: NotificationAlert["severity"];
  alerts: NotificationAlert[];
};

/** Groups by type and severity, most severe first, then by size. */
export function groupForDigest(alerts: NotificationAlert[]): DigestGroup[] {
  const groups = new Map<string, DigestGroup>();
  for (const alert of alerts) {
    const key = `${alert.type}\u0000${alert.severity}`;
    const group = groups.get(key) ?? { type: alert.type, severity: alert.severity, alerts: [] };
    group.alerts.push(alert);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      b.alerts.length - a.alerts.length ||
      a.type.localeCompare(b.type),
  );
}

/** One message summarising every alert of the period. */
export function digestMessage(alerts: NotificationAlert[], minutes: number): NotificationMessage {
  const groups = groupForDigest(alerts);
  const lines = groups.map((group) => {
    const names = [...new Set(group.alerts.map((a) => a.host?.name ?? a.title))];
    const shown = names.slice(0, 10).join(", ") + (names.length > 10 ? `, +${names.length - 10} more` : "");
    return `${group.alerts.length} × ${label(group.type)} (${group.severity}): ${shown}`;
  });
  return {
    event: "digest",
    title: `${alerts.length} alert${alerts.length === 1 ? "" : "s"} in the last ${minutes} minutes`,
    summary: lines.join("\n"),
    alerts,
  };
}

export function testMessage(channelName: string): NotificationMessage {
  return {
    event: "test",
    title: "PatchMon test notification",
    summary: `This is a test message for the channel "${channelName}". If you can read it, the channel works.`,
    alerts: [],
  };
}

/** Empty alertTypes / hostGroupIds mean "all". An alert without a host matches only rules without groups. */
export function matchesRule(
  rule: Pick<NotificationRule, "alertTypes" | "minSeverity" | "hostGroupIds">,
  alert: Pick<NotificationAlert, "type" | "severity">,
  alertHostGroupIds: readonly string[],
): boolean {
  if (rule.alertTypes.length > 0 && !rule.alertTypes.includes(alert.type)) return false;
  if (severityRank(alert.severity) < severityRank(rule.minSeverity)) return false;
  if (rule.hostGroupIds.length === 0) return true;
  return alertHostGroupIds.some((id) => rule.hostGroupIds.includes(id));
}
