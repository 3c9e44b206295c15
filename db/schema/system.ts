import { relations, sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, inList, timestamptz, updatedAt } from "./columns";
import { JOB_RUN_STATUSES, JOB_TRIGGERS } from "./enums";
import { users } from "./users";

// One row per background job execution, for the Automation page (last run, result, duration).
export const jobRuns = pgTable(
  "job_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobName: text("job_name").notNull(),
    startedAt: timestamptz("started_at").notNull().defaultNow(),
    finishedAt: timestamptz("finished_at"),
    durationMs: integer("duration_ms"),
    status: text("status", { enum: JOB_RUN_STATUSES }).notNull().default("running"),
    error: text("error"),
    result: jsonb("result").$type<Record<string, unknown>>(),
    triggeredBy: text("triggered_by", { enum: JOB_TRIGGERS }).notNull().default("schedule"),
    // The cron slot a scheduled run belongs to; unique per job so two workers (or two web
    // processes without Redis) never both run one slot.
    scheduledFor: timestamptz("scheduled_for"),
  },
  (t) => [
    index("job_runs_job_name_started_at_idx").on(t.jobName, t.startedAt.desc().nullsFirst()),
    index("job_runs_started_at_idx").on(t.startedAt),
    uniqueIndex("job_runs_job_name_scheduled_for_key")
      .on(t.jobName, t.scheduledFor)
      .where(sql`${t.scheduledFor} is not null`),
    check("job_runs_status_check", inList(t.status, JOB_RUN_STATUSES)),
    check("job_runs_triggered_by_check", inList(t.triggeredBy, JOB_TRIGGERS)),
  ],
);

// Operator switches per job (Automation page). No row: the job runs on its schedule.
export const jobControls = pgTable("job_controls", {
  jobName: text("job_name").primaryKey(),
  // Paused jobs skip their scheduled slots; "run now" still runs them.
  paused: boolean("paused").notNull().default(false),
  updatedByUserId: uuid("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
  updatedAt: updatedAt(),
});

export type DashboardCard = { id: string; visible: boolean; size?: string };
export type DashboardLayout = { cards: DashboardCard[] };

// Per-user dashboard cards (order, visibility, size). No row: the default layout.
export const dashboardPreferences = pgTable("dashboard_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  layout: jsonb("layout").$type<DashboardLayout>().notNull(),
  updatedAt: updatedAt(),
});

// Who did what. actor_label keeps the name readable after the user is deleted (or for an API
// token / the system, which have no user row).
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_created_at_idx").on(t.createdAt),
    index("audit_log_target_idx").on(t.targetType, t.targetId),
    index("audit_log_actor_user_id_idx").on(t.actorUserId),
  ],
);

export const dashboardPreferencesRelations = relations(dashboardPreferences, ({ one }) => ({
  user: one(users, { fields: [dashboardPreferences.userId], references: [users.id] }),
}));

export const auditLogRelations = relations(auditLog, ({ one }) => ({
  actor: one(users, { fields: [auditLog.actorUserId], references: [users.id] }),
}));

export type JobRun = typeof jobRuns.$inferSelect;
export type NewJobRun = typeof jobRuns.$inferInsert;
export type JobControl = typeof jobControls.$inferSelect;
export type DashboardPreference = typeof dashboardPreferences.$inferSelect;
export type NewDashboardPreference = typeof dashboardPreferences.$inferInsert;
export type AuditLogEntry = typeof auditLog.$inferSelect;
export type NewAuditLogEntry = typeof auditLog.$inferInsert;
