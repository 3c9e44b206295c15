import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { type Executor, executeRows, getDb } from "@/db/client";
import { type JobControl, type JobRun, jobControls, jobRuns } from "@/db/schema";

/**
 * Records the start of a run. A scheduled run claims its slot: when another process already
 * claimed it (job name + slot are unique), nothing is inserted and null is returned.
 */
export async function startJobRun(
  input: { jobName: string; trigger: "schedule" | "manual"; scheduledFor?: Date },
  db: Executor = getDb(),
): Promise<string | null> {
  const [row] = await db
    .insert(jobRuns)
    .values({
      jobName: input.jobName,
      triggeredBy: input.trigger,
      status: "running",
      scheduledFor: input.scheduledFor ?? null,
    })
    .onConflictDoNothing({
      target: [jobRuns.jobName, jobRuns.scheduledFor],
      where: sql`${jobRuns.scheduledFor} is not null`,
    })
    .returning({ id: jobRuns.id });
  return row?.id ?? null;
}

export async function finishJobRun(
  id: string,
  outcome: {
    status: "succeeded" | "failed";
    durationMs: number;
    error?: string;
    result?: Record<string, unknown> | null;
  },
  db: Executor = getDb(),
): Promise<void> {
  await db
    .update(jobRuns)
    .set({
      status: outcome.status,
      durationMs: outcome.durationMs,
      error: outcome.error ?? null,
      result: outcome.result ?? null,
      finishedAt: new Date(),
    })
    .where(eq(jobRuns.id, id));
}

export type FinishedJobRun = {
  jobName: string;
  trigger: "schedule" | "manual";
  startedAt: Date;
  status: "succeeded" | "failed";
  durationMs: number;
  error?: string;
  result?: Record<string, unknown> | null;
};

/** Records whole runs in one statement (JobDefinition.recordWhenFinished; lib/queue/finished-runs.ts). */
export async function recordFinishedJobRuns(
  runs: readonly (FinishedJobRun & { finishedAt: Date })[],
  db: Executor = getDb(),
): Promise<void> {
  if (runs.length === 0) return;
  await db.insert(jobRuns).values(
    runs.map((run) => ({
      jobName: run.jobName,
      triggeredBy: run.trigger,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      status: run.status,
      durationMs: run.durationMs,
      error: run.error ?? null,
      result: run.result ?? null,
    })),
  );
}

/**
 * Deletes up to `batchSize` runs started before `before`, never a job's newest run (the Automation
 * page's "last run" stays, however long ago it was). Returns how many were deleted.
 */
export async function deleteJobRunsBefore(
  input: { before: Date; batchSize: number },
  db: Executor = getDb(),
): Promise<number> {
  const rows = await executeRows<{ count: number }>(
    db,
    sql`with doomed as (
          select r.id from job_runs r
          where r.started_at < ${input.before.toISOString()}::timestamptz
            and r.id <> (select l.id from job_runs l where l.job_name = r.job_name
                         order by l.started_at desc, l.id desc limit 1)
          limit ${input.batchSize}
        ), deleted as (delete from job_runs where id in (select id from doomed) returning 1)
        select count(*)::int as count from deleted`,
  );
  return Number(rows[0]?.count ?? 0);
}

export async function listJobRuns(jobName: string, limit = 20, db: Executor = getDb()): Promise<JobRun[]> {
  return db
    .select()
    .from(jobRuns)
    .where(eq(jobRuns.jobName, jobName))
    .orderBy(desc(jobRuns.startedAt))
    .limit(limit);
}

/** The newest run of each named job (one indexed lookup per job via DISTINCT ON). */
export async function listLatestJobRuns(jobNames: string[], db: Executor = getDb()): Promise<JobRun[]> {
  if (jobNames.length === 0) return [];
  return db
    .selectDistinctOn([jobRuns.jobName])
    .from(jobRuns)
    .where(inArray(jobRuns.jobName, jobNames))
    .orderBy(jobRuns.jobName, desc(jobRuns.startedAt));
}

export async function listJobControls(db: Executor = getDb()): Promise<JobControl[]> {
  return db.select().from(jobControls);
}

export async function isJobPaused(jobName: string, db: Executor = getDb()): Promise<boolean> {
  const [row] = await db
    .select({ paused: jobControls.paused })
    .from(jobControls)
    .where(and(eq(jobControls.jobName, jobName), eq(jobControls.paused, true)));
  return row?.paused ?? false;
}

export async function setJobPaused(
  input: { jobName: string; paused: boolean; actorUserId: string | null },
  db: Executor = getDb(),
): Promise<void> {
  const values = { jobName: input.jobName, paused: input.paused, updatedByUserId: input.actorUserId };
  await db
    .insert(jobControls)
    .values(values)
    .onConflictDoUpdate({ target: jobControls.jobName, set: { ...values, updatedAt: new Date() } });
}
