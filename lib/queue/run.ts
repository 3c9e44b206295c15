import { finishJobRun, startJobRun } from "@/db/queries/job-runs";
import { getLogger } from "@/lib/logger";
import type { JobDefinition } from "./definitions";
import type { JobProcessors, JobTrigger } from "./types";

/** A payload that does not match its schema: retrying cannot help. */
export class InvalidJobPayloadError extends Error {
  constructor(jobName: string, detail: string) {
    super(`Invalid payload for job ${jobName}: ${detail}`);
    this.name = "InvalidJobPayloadError";
  }
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
): Promise<Record<string, unknown> | undefined> {
  const log = getLogger("jobs");
  const name = definition.name;
  const processor = processors[name];
  if (!processor) throw new InvalidJobPayloadError(name, "no processor registered");
  const parsed = definition.payload.safeParse(payload ?? {});
  const runId = await startJobRun({ jobName: name, trigger });
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
    await finishJobRun(runId, {
      status: failure === undefined ? "succeeded" : "failed",
      durationMs,
      result: result ?? null,
      error: message?.slice(0, 4000),
    });
  } catch (error) {
    // The job's own outcome stands; the run row keeps "running" and says so in the log.
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
