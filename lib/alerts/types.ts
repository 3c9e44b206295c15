// The alert kinds the evaluator raises, their defaults, and the identity (dedup key) of each
// condition. alerts.type is text, so this list is the source of truth.
import { z } from "zod";
import { ALERT_SEVERITIES, ALERT_STATUSES, type AlertSeverity } from "@/db/schema/enums";

export const ALERT_KINDS = [
  "host_offline",
  "host_back_online",
  "new_security_updates",
  "reboot_required",
  "agent_outdated",
  "report_failed",
  "enrolment_token_expiring",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type AlertTypeSettings = {
  enabled: boolean;
  severity: AlertSeverity;
  thresholds: Record<string, number>;
};

/** Used for a type that has no alert_settings row. Thresholds are in days. */
export const DEFAULT_ALERT_SETTINGS: Record<AlertKind, AlertTypeSettings> = {
  host_offline: { enabled: true, severity: "error", thresholds: {} },
  host_back_online: { enabled: true, severity: "informational", thresholds: {} },
  new_security_updates: { enabled: true, severity: "warning", thresholds: {} },
  reboot_required: { enabled: true, severity: "warning", thresholds: { days: 3 } },
  agent_outdated: { enabled: true, severity: "informational", thresholds: {} },
  report_failed: { enabled: true, severity: "warning", thresholds: {} },
  enrolment_token_expiring: { enabled: true, severity: "warning", thresholds: { days: 7 } },
};

export const ALERT_TYPE_LABELS: Record<AlertKind, string> = {
  host_offline: "Host offline",
  host_back_online: "Host back online",
  new_security_updates: "New security updates",
  reboot_required: "Reboot required",
  agent_outdated: "Agent out of date",
  report_failed: "Report failed",
  enrolment_token_expiring: "Enrolment token expiring",
};

export const severityRank = (severity: AlertSeverity): number => ALERT_SEVERITIES.indexOf(severity);

/**
 * Dedup keys name one occurrence of a condition. Keys that carry the occurrence (the last contact
 * before going offline, the day a reboot became required) are raised once even after an operator
 * resolves them by hand while the condition lasts; report_failed is per host and may fire again
 * after being resolved.
 */
export const dedupKeys = {
  hostOffline: (hostId: string, lastContactAt: Date) =>
    `host_offline:${hostId}:${lastContactAt.toISOString()}`,
  hostBackOnline: (hostId: string, offlineAlertId: string) => `host_back_online:${hostId}:${offlineAlertId}`,
  newSecurityUpdates: (hostId: string, digest: string) => `new_security_updates:${hostId}:${digest}`,
  rebootRequired: (hostId: string, since: Date) => `reboot_required:${hostId}:${since.toISOString()}`,
  agentOutdated: (hostId: string, version: string, latest: string) =>
    `agent_outdated:${hostId}:${version}:${latest}`,
  reportFailed: (hostId: string) => `report_failed:${hostId}`,
  enrolmentTokenExpiring: (tokenId: string, expiresAt: Date) =>
    `enrolment_token_expiring:${tokenId}:${expiresAt.toISOString()}`,
};

export const listAlertsSchema = z.object({
  type: z.enum(ALERT_KINDS).optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  status: z.enum(ALERT_STATUSES).optional(),
  hostId: z.uuid().optional(),
  hostGroupId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAlertsInput = z.input<typeof listAlertsSchema>;

export const alertSettingsSchema = z.object({
  type: z.enum(ALERT_KINDS),
  enabled: z.boolean(),
  severity: z.enum(ALERT_SEVERITIES),
  thresholds: z.record(z.string(), z.number().min(0).max(3650)).default({}),
});
export type AlertSettingsInput = z.input<typeof alertSettingsSchema>;

/** A raised alert as the notifier needs it. */
export type RaisedAlert = { id: string };
