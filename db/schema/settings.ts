import { relations, sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, inList, timestamptz, updatedAt } from "./columns";
import { SERVER_PROTOCOLS } from "./enums";
import { roles } from "./users";

// Server-wide settings edited in the UI: exactly one row (id = 1), inserted by the seed migration,
// so readers never handle "no settings yet". Defaults match the seed documentation.
export const settings = pgTable(
  "settings",
  {
    id: integer("id").primaryKey().default(1),
    serverProtocol: text("server_protocol", { enum: SERVER_PROTOCOLS }).notNull().default("http"),
    serverHost: text("server_host").notNull().default("localhost"),
    serverPort: integer("server_port").notNull().default(3000),
    // Agent report interval in minutes; the exact allowed values are validated by the app.
    updateInterval: integer("update_interval").notNull().default(60),
    autoUpdate: boolean("auto_update").notNull().default(false),
    ignoreSslSelfSigned: boolean("ignore_ssl_self_signed").notNull().default(false),
    signupEnabled: boolean("signup_enabled").notNull().default(false),
    defaultRoleId: uuid("default_role_id").references(() => roles.id, { onDelete: "set null" }),
    logoDark: text("logo_dark"),
    logoLight: text("logo_light"),
    favicon: text("favicon"),
    reportRetentionDays: integer("report_retention_days").notNull().default(90),
    metricsEnabled: boolean("metrics_enabled").notNull().default(false),
    versionCheckEnabled: boolean("version_check_enabled").notNull().default(false),
    // Written by the server version check job.
    latestVersion: text("latest_version"),
    versionCheckedAt: timestamptz("version_checked_at"),
    // Set once by first-run setup; /setup stays closed forever after, whatever roles change later.
    setupCompletedAt: timestamptz("setup_completed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("settings_singleton", sql`${t.id} = 1`),
    check("settings_server_protocol_check", inList(t.serverProtocol, SERVER_PROTOCOLS)),
    check("settings_server_port_range", sql`${t.serverPort} between 1 and 65535`),
    check("settings_update_interval_range", sql`${t.updateInterval} between 5 and 1440`),
    check("settings_report_retention_days_positive", sql`${t.reportRetentionDays} >= 1`),
  ],
);

export const settingsRelations = relations(settings, ({ one }) => ({
  defaultRole: one(roles, { fields: [settings.defaultRoleId], references: [roles.id] }),
}));

export type Settings = typeof settings.$inferSelect;
export type NewSettings = typeof settings.$inferInsert;
