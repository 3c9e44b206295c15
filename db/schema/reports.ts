import { relations } from "drizzle-orm";
import { date, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";
import { reportStatusEnum } from "./enums";
import { hosts } from "./hosts";

// One row per agent report (full, unchanged or failed); trimmed by report retention.
export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hostId: uuid("host_id")
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    status: reportStatusEnum("status").notNull(),
    packagesCount: integer("packages_count").notNull().default(0),
    updatesCount: integer("updates_count").notNull().default(0),
    securityUpdatesCount: integer("security_updates_count").notNull().default(0),
    payloadBytes: integer("payload_bytes"),
    // The agent reports seconds; stored as whole milliseconds.
    executionTimeMs: integer("execution_time_ms"),
    agentVersion: text("agent_version"),
    error: text("error"),
  },
  (t) => [
    index("reports_host_id_created_at_idx").on(t.hostId, t.createdAt.desc().nullsFirst()),
    index("reports_created_at_idx").on(t.createdAt),
  ],
);

// Daily roll-up written before retention deletes reports, so charts reach further back than the
// history. host_id null is the fleet-wide row; per-host rows hold that day's last report's counts.
export const reportDailyAggregates = pgTable(
  "report_daily_aggregates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    day: date("day", { mode: "string" }).notNull(),
    hostId: uuid("host_id").references(() => hosts.id, { onDelete: "cascade" }),
    reportsCount: integer("reports_count").notNull().default(0),
    failedReportsCount: integer("failed_reports_count").notNull().default(0),
    hostsReporting: integer("hosts_reporting").notNull().default(0),
    packagesCount: integer("packages_count").notNull().default(0),
    updatesCount: integer("updates_count").notNull().default(0),
    securityUpdatesCount: integer("security_updates_count").notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    // NULLS NOT DISTINCT: one fleet row per day too, and a usable ON CONFLICT (day, host_id) target.
    unique("report_daily_aggregates_day_host_key").on(t.day, t.hostId).nullsNotDistinct(),
    index("report_daily_aggregates_host_id_day_idx").on(t.hostId, t.day),
  ],
);

export const reportsRelations = relations(reports, ({ one }) => ({
  host: one(hosts, { fields: [reports.hostId], references: [hosts.id] }),
}));

export const reportDailyAggregatesRelations = relations(reportDailyAggregates, ({ one }) => ({
  host: one(hosts, { fields: [reportDailyAggregates.hostId], references: [hosts.id] }),
}));

export type Report = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
export type ReportDailyAggregate = typeof reportDailyAggregates.$inferSelect;
export type NewReportDailyAggregate = typeof reportDailyAggregates.$inferInsert;
