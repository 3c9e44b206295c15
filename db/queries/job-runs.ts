import { desc, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { type JobRun, jobRuns } from "@/db/schema";

export async function startJobRun(
  input: { jobName: string; trigger: "schedule" | "manual" },
  db: Executor = getDb(),
): Promise<string> {
  const [row] = await db
    .insert(jobRuns)
    .values({ jobName: input.jobName, triggeredBy: input.trigger, status: "running" })
    .returning({ id: jobRuns.id });
  if (!row) throw new Error("job run insert returned no row");
  return row.id;
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

export async function listJobRuns(jobName: string, limit = 20, db: Executor = getDb()): Promise<JobRun[]> {
  return db
    .select()
    .from(jobRuns)
    .where(eq(jobRuns.jobName, jobName))
    .orderBy(desc(jobRuns.startedAt))
    .limit(limit);
}
