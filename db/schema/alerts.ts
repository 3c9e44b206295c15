import { relations, sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, timestamptz, updatedAt } from "./columns";
import { alertSeverityEnum, alertStatusEnum } from "./enums";
import { hosts } from "./hosts";
import { users } from "./users";

export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // One of ALERT_TYPES; text so new kinds need no migration.
    type: text("type").notNull(),
    severity: alertSeverityEnum("severity").notNull(),
    status: alertStatusEnum("status").notNull().default("open"),
    hostId: uuid("host_id").references(() => hosts.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    message: text("message"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    // Identifies the condition (e.g. `host_offline:<host id>`); see the partial unique index.
    dedupKey: text("dedup_key"),
    assignedToUserId: uuid("assigned_to_user_id").references(() => users.id, { onDelete: "set null" }),
    acknowledgedByUserId: uuid("acknowledged_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    acknowledgedAt: timestamptz("acknowledged_at"),
    resolvedByUserId: uuid("resolved_by_user_id").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamptz("resolved_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One unresolved alert per condition: the evaluator inserts with ON CONFLICT DO NOTHING and a
    // condition can fire again once its previous alert is resolved.
    uniqueIndex("alerts_open_dedup_key_key").on(t.dedupKey).where(sql`${t.status} <> 'resolved'`),
    // Conditions raised once ever (insertAlerts with once) look their key up among all alerts,
    // resolved ones included, which the partial index above cannot answer.
    index("alerts_dedup_key_idx").on(t.dedupKey),
    index("alerts_status_idx").on(t.status),
    index("alerts_host_id_idx").on(t.hostId),
    index("alerts_created_at_idx").on(t.createdAt),
  ],
);

export const alertComments = pgTable(
  "alert_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("alert_comments_alert_id_idx").on(t.alertId)],
);

// Per alert type switches; a type without a row uses the evaluator's defaults.
export const alertSettings = pgTable("alert_settings", {
  type: text("type").primaryKey(),
  enabled: boolean("enabled").notNull().default(true),
  severity: alertSeverityEnum("severity").notNull().default("warning"),
  thresholds: jsonb("thresholds").$type<Record<string, number>>().notNull().default({}),
  updatedAt: updatedAt(),
});

// What the evaluator last saw per host, so it can compare sets (not counts) of pending security
// updates and tell how long a reboot has been required.
export const alertHostStates = pgTable("alert_host_states", {
  hostId: uuid("host_id")
    .primaryKey()
    .references(() => hosts.id, { onDelete: "cascade" }),
  // `<package id>:<available version>` of each pending security update at the last evaluation.
  securityUpdateKeys: text("security_update_keys").array().notNull().default([]),
  rebootRequiredSince: timestamptz("reboot_required_since"),
  updatedAt: updatedAt(),
});

export const alertsRelations = relations(alerts, ({ one, many }) => ({
  host: one(hosts, { fields: [alerts.hostId], references: [hosts.id] }),
  assignedTo: one(users, {
    fields: [alerts.assignedToUserId],
    references: [users.id],
    relationName: "alert_assignee",
  }),
  acknowledgedBy: one(users, {
    fields: [alerts.acknowledgedByUserId],
    references: [users.id],
    relationName: "alert_acknowledger",
  }),
  resolvedBy: one(users, {
    fields: [alerts.resolvedByUserId],
    references: [users.id],
    relationName: "alert_resolver",
  }),
  comments: many(alertComments),
}));

export const alertCommentsRelations = relations(alertComments, ({ one }) => ({
  alert: one(alerts, { fields: [alertComments.alertId], references: [alerts.id] }),
  user: one(users, { fields: [alertComments.userId], references: [users.id] }),
}));

export type Alert = typeof alerts.$inferSelect;
export type NewAlert = typeof alerts.$inferInsert;
export type AlertComment = typeof alertComments.$inferSelect;
export type NewAlertComment = typeof alertComments.$inferInsert;
export type AlertHostState = typeof alertHostStates.$inferSelect;
export type AlertSetting = typeof alertSettings.$inferSelect;
export type NewAlertSetting = typeof alertSettings.$inferInsert;
