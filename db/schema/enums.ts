import { pgEnum } from "drizzle-orm/pg-core";

// Closed sets the whole app branches on are PostgreSQL enums: the type documents the values and the
// declaration order is the sort order (severity >= 'warning' works in SQL).
export const HOST_STATUSES = ["pending", "active", "stale", "offline"] as const;
export const hostStatusEnum = pgEnum("host_status", HOST_STATUSES);
export type HostStatus = (typeof HOST_STATUSES)[number];

export const REPORT_STATUSES = ["success", "failed", "unchanged"] as const;
export const reportStatusEnum = pgEnum("report_status", REPORT_STATUSES);
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const ALERT_SEVERITIES = ["informational", "warning", "error", "critical"] as const;
export const alertSeverityEnum = pgEnum("alert_severity", ALERT_SEVERITIES);
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export const alertStatusEnum = pgEnum("alert_status", ALERT_STATUSES);
export type AlertStatus = (typeof ALERT_STATUSES)[number];

// Sets that are likely to grow are text + CHECK instead: a CHECK is replaced in one migration,
// an enum value cannot be removed at all.
export const THEME_PREFERENCES = ["light", "dark", "system"] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

export const REPO_TYPES = ["deb", "deb-src", "rpm", "apk", "pacman", "zypper", "freebsd"] as const;
export type RepoType = (typeof REPO_TYPES)[number];

export const AGENT_COMMAND_TYPES = ["report_now", "update_agent", "interval_changed"] as const;
export type AgentCommandType = (typeof AGENT_COMMAND_TYPES)[number];

export const AGENT_COMMAND_STATUSES = ["queued", "delivered", "expired"] as const;
export type AgentCommandStatus = (typeof AGENT_COMMAND_STATUSES)[number];

// Open set: new alert kinds need no migration. Listed for the UI and the evaluator.
export const ALERT_TYPES = [
  "host_offline",
  "host_online",
  "security_updates",
  "reboot_needed",
  "agent_outdated",
  "report_failed",
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const NOTIFICATION_CHANNEL_TYPES = [
  "email",
  "webhook",
  "slack",
  "discord",
  "teams",
  "ntfy",
  "gotify",
] as const;
export type NotificationChannelType = (typeof NOTIFICATION_CHANNEL_TYPES)[number];

export const DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const JOB_RUN_STATUSES = ["running", "succeeded", "failed"] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

export const JOB_TRIGGERS = ["schedule", "manual"] as const;
export type JobTrigger = (typeof JOB_TRIGGERS)[number];

export const SERVER_PROTOCOLS = ["http", "https"] as const;
export type ServerProtocol = (typeof SERVER_PROTOCOLS)[number];
