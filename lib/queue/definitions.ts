// Every background job: its queue name, payload schema, schedule, retries and how many finished
// jobs BullMQ keeps. Processors live in workers/jobs.
import { z } from "zod";

export type JobDefinition<TPayload = unknown> = {
  /** Queue and job name, kebab-case. One queue per job keeps schedules and retries independent. */
  name: string;
  description: string;
  payload: z.ZodType<TPayload>;
  /** Cron pattern (server time zone TZ) for repeatable jobs; absent for jobs that are only enqueued. */
  schedule?: string;
  attempts: number;
  backoffMs: number;
  /** Finished jobs BullMQ keeps in Redis (the job_runs table is the durable history). */
  keep?: { completed: number; failed: number };
  /**
   * For frequent jobs of a few milliseconds that have no schedule (one per report): the run is
   * recorded when it ends, batched with the others of the next 100 ms (lib/queue/finished-runs.ts),
   * instead of one statement when it starts and one when it ends. Such a run is never shown as
   * running, and a process that dies during it or just after leaves no row.
   */
  recordWhenFinished?: true;
};

type Empty = Record<string, never>;
const empty = z.object({}).strict() as z.ZodType<Empty>;

export const sessionCleanupJob: JobDefinition<Empty> = {
  name: "session-cleanup",
  description:
    "Purges expired, idle and revoked sessions, expired remembered devices, used or expired bootstrap tokens, expired enrolment tokens and expires undelivered agent commands",
  payload: empty,
  schedule: "17 3 * * *",
  attempts: 3,
  backoffMs: 30_000,
};

export const hostStatusMonitorJob: JobDefinition<Empty> = {
  name: "host-status-monitor",
  description:
    "Marks hosts stale (2x the update interval without contact) or offline (3x), active again on contact; raises and resolves host, reboot and enrolment-token alerts",
  payload: empty,
  schedule: "* * * * *",
  // The next slot is a minute away: retrying sooner would only overlap it.
  attempts: 1,
  backoffMs: 5_000,
  keep: { completed: 50, failed: 200 },
};

export const orphanCleanupJob: JobDefinition<{ batchSize: number }> = {
  name: "orphan-cleanup",
  description: "Deletes packages and repositories no host has any more, in batches",
  payload: z.object({ batchSize: z.number().int().min(1).max(100_000).default(5_000) }).strict(),
  schedule: "41 4 * * *",
  attempts: 3,
  backoffMs: 60_000,
};

export const packageStatsFoldJob: JobDefinition<{ batchSize: number }> = {
  name: "package-stats-fold",
  description:
    "Folds the per-package count changes written by reports and deletions into the package statistics",
  payload: z.object({ batchSize: z.number().int().min(1).max(1_000_000).default(50_000) }).strict(),
  schedule: "* * * * *",
  attempts: 1,
  backoffMs: 5_000,
  keep: { completed: 50, failed: 200 },
};

export const reportRetentionJob: JobDefinition<Empty> = {
  name: "report-retention",
  description:
    "Rolls report history up into daily aggregates, then deletes reports older than the retention period and job runs older than 30 days",
  payload: empty,
  schedule: "23 2 * * *",
  attempts: 3,
  backoffMs: 60_000,
};

export const alertEvaluationJob: JobDefinition<{ hostId: string }> = {
  name: "alert-evaluation",
  description: "Evaluates one host's alert conditions after it reported (enqueued by ingestion)",
  payload: z.object({ hostId: z.uuid() }).strict(),
  attempts: 3,
  backoffMs: 5_000,
  keep: { completed: 100, failed: 1000 },
  recordWhenFinished: true,
};

export const notificationDeliveryJob: JobDefinition<{ deliveryId: string }> = {
  name: "notification-delivery",
  description: "Sends one notification (alert, digest or test) to its channel, retrying with backoff",
  payload: z.object({ deliveryId: z.uuid() }).strict(),
  attempts: 5,
  backoffMs: 3_000,
  keep: { completed: 200, failed: 1000 },
};

export const notificationDigestJob: JobDefinition<Empty> = {
  name: "notification-digest",
  description: "Sends the summary message of each digest rule whose period has elapsed",
  payload: empty,
  schedule: "* * * * *",
  attempts: 1,
  backoffMs: 5_000,
  keep: { completed: 50, failed: 200 },
};

export const versionCheckJob: JobDefinition<Empty> = {
  name: "version-check",
  description: "Looks up the latest PatchMon release, only when the version check is enabled in settings",
  payload: empty,
  schedule: "7 6 * * *",
  attempts: 2,
  backoffMs: 300_000,
};

export const jobDefinitions: readonly JobDefinition[] = [
  sessionCleanupJob,
  hostStatusMonitorJob,
  orphanCleanupJob,
  packageStatsFoldJob,
  reportRetentionJob,
  alertEvaluationJob,
  notificationDeliveryJob,
  notificationDigestJob,
  versionCheckJob,
] as JobDefinition[];

export function getJobDefinition(name: string): JobDefinition | undefined {
  return jobDefinitions.find((job) => job.name === name);
}
