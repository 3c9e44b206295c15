import { relations } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { alerts } from "./alerts";
import { createdAt, inList, timestamptz, updatedAt } from "./columns";
import { alertSeverityEnum, DELIVERY_STATUSES, NOTIFICATION_CHANNEL_TYPES } from "./enums";

export const notificationChannels = pgTable(
  "notification_channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    type: text("type", { enum: NOTIFICATION_CHANNEL_TYPES }).notNull(),
    // Non-secret settings (URL host, SMTP server, recipients) that the UI may show back.
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    // Passwords, tokens and webhook URLs with embedded secrets, encrypted; never sent to the browser.
    secretEncrypted: text("secret_encrypted"),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("notification_channels_type_check", inList(t.type, NOTIFICATION_CHANNEL_TYPES))],
);

// Which alerts go to which channel. Empty arrays mean "all" (types, host groups); arrays rather
// than join tables because rules are few and read whole by the delivery job.
export const notificationRules = pgTable(
  "notification_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => notificationChannels.id, { onDelete: "cascade" }),
    alertTypes: text("alert_types").array().notNull().default([]),
    minSeverity: alertSeverityEnum("min_severity").notNull().default("warning"),
    hostGroupIds: uuid("host_group_ids").array().notNull().default([]),
    // Null: send each alert at once; otherwise batch into one message per N minutes.
    digestMinutes: integer("digest_minutes"),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("notification_rules_channel_id_idx").on(t.channelId)],
);

export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => notificationChannels.id, { onDelete: "cascade" }),
    ruleId: uuid("rule_id").references(() => notificationRules.id, { onDelete: "set null" }),
    // Null for digests and test messages.
    alertId: uuid("alert_id").references(() => alerts.id, { onDelete: "set null" }),
    // What is sent (alert, digest or test), rendered per channel type at delivery time.
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    createdAt: createdAt(),
    sentAt: timestamptz("sent_at"),
  },
  (t) => [
    index("notification_deliveries_channel_id_created_at_idx").on(t.channelId, t.createdAt),
    index("notification_deliveries_alert_id_idx").on(t.alertId),
    index("notification_deliveries_rule_id_created_at_idx").on(t.ruleId, t.createdAt),
    check("notification_deliveries_status_check", inList(t.status, DELIVERY_STATUSES)),
  ],
);

export const notificationChannelsRelations = relations(notificationChannels, ({ many }) => ({
  rules: many(notificationRules),
  deliveries: many(notificationDeliveries),
}));

export const notificationRulesRelations = relations(notificationRules, ({ one }) => ({
  channel: one(notificationChannels, {
    fields: [notificationRules.channelId],
    references: [notificationChannels.id],
  }),
}));

export const notificationDeliveriesRelations = relations(notificationDeliveries, ({ one }) => ({
  channel: one(notificationChannels, {
    fields: [notificationDeliveries.channelId],
    references: [notificationChannels.id],
  }),
  rule: one(notificationRules, {
    fields: [notificationDeliveries.ruleId],
    references: [notificationRules.id],
  }),
  alert: one(alerts, { fields: [notificationDeliveries.alertId], references: [alerts.id] }),
}));

export type NotificationChannel = typeof notificationChannels.$inferSelect;
export type NewNotificationChannel = typeof notificationChannels.$inferInsert;
export type NotificationRule = typeof notificationRules.$inferSelect;
export type NewNotificationRule = typeof notificationRules.$inferInsert;
export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
export type NewNotificationDelivery = typeof notificationDeliveries.$inferInsert;
