import { CronExpressionParser } from "cron-parser";
import { finishJobRun, isJobPaused, startJobRun } from "@/db/queries/job-runs";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import type { JobDefinition } from "./definitions";
import { recordFinishedRun } from "./finished-runs";
import type { JobProcessors, JobTrigger } from "./types";

/** A payload that does not match its schema: retrying cannot help. */
export class InvalidJobPayloadError extends Error {
  constructor(jobName: string, detail: string) {
    super(`Invalid payload for job ${jobName}: ${detail}`);
    this.name = "InvalidJobPayloadError";
  }
}

/**
 * The cron slot a scheduled run belongs to: the latest occurrence at or before `at` (plus a second
 * of slack). BullMQ clamps a missed slot to "now" when a scheduler is (re)registered; normalising
 * maps that to the slot it stands for, so the slot claim in job_runs still dedupes it.
 */
export function slotOf(cron: string, at: Date): Date {
  return CronExpressionParser.parse(cron, {
    currentDate: new Date(at.getTime() + 1000),
    tz: getEnv().timezone,
  })
    .prev()
    .toDate();
}

/**
 * Runs one job through its processor and records the run (duration, outcome, error) in job_runs.
 * Both drivers call this, so a run looks the same whether BullMQ or the in-process driver ran it.
 */
export async function executeJob(
  processors: JobProcessors,
  definition: JobDefinition,
  payload: unknown,
  trigger: JobTrigger,
  slot?: Date,
): Promise<Record<string, unknown> | undefined> {
  const log = getLogger("jobs");
  const name = definition.name;
  const processor = processors[name];
  if (!processor) throw new InvalidJobPayloadError(name, "no processor registered");
  const parsed = definition.payload.safeParse(payload ?? {});
  const scheduledFor =
    trigger === "schedule" && definition.schedule
      ? slotOf(definition.schedule, slot ?? new Date())
      : undefined;
  // Paused jobs skip their schedule only; "run now" is an explicit request and still runs.
  if (scheduledFor && (await isJobPaused(name))) {
    log.debug({ job: name }, `job ${name} is paused: slot skipped`);
    return { skipped: "paused" };
  }
  const startedAt = new Date();
  const recordAtEnd = definition.recordWhenFinished === true && scheduledFor === undefined;
  const runId = recordAtEnd ? undefined : await startJobRun({ jobName: name, trigger, scheduledFor });
  if (runId === null) {
    log.debug({ job: name, slot: scheduledFor?.toISOString() }, `job ${name}: slot already taken`);
    return { skipped: "slot already run" };
  }
  const started = performance.now();
  let result: Record<string, unknown> | undefined;
  let failure: unknown;
  try {
    if (!parsed.success) {
      throw new InvalidJobPayloadError(
        name,
        parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; "),
      );
    }
    result = await processor(parsed.data, { trigger, jobName: name });
  } catch (error) {
    failure = error ?? new Error("job failed");
  }
  const durationMs = Math.round(performance.now() - started);
  const message =
    failure === undefined ? undefined : failure instanceof Error ? failure.message : String(failure);
  try {
    const outcome = {
      status: failure === undefined ? ("succeeded" as const) : ("failed" as const),
      durationMs,
      result: result ?? null,
      error: message?.slice(0, 4000),
    };
    if (runId === undefined) recordFinishedRun({ jobName: name, trigger, startedAt, ...outcome });
    else await finishJobRun(runId, outcome);
  } catch (error) {
    // The job's own outcome stands; the run row keeps "running" (or, for a job recorded when it
    // finishes, there is none) and the log says so.
    log.error(
      { job: name, runId, error: error instanceof Error ? error.message : String(error) },
      "could not record the end of a job run",
    );
  }
  if (failure !== undefined) {
    log.error({ job: name, trigger, durationMs, error: message }, `job ${name} failed`);
    throw failure;
  }
  log.info({ job: name, trigger, durationMs, result }, `job ${name} succeeded`);
  return result;
}
