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
  try {
    if (!parsed.success) {
      throw new InvalidJobPayloadError(
        name,
        parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; "),
      );
    }
    const result = await processor(parsed.data, { trigger, jobName: name });
    const durationMs = Math.round(performance.now() - started);
    await finishJobRun(runId, { status: "succeeded", durationMs, result: result ?? null });
    log.info({ job: name, trigger, durationMs, result }, `job ${name} succeeded`);
    return result;
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    const message = error instanceof Error ? error.message : String(error);
    await finishJobRun(runId, { status: "failed", durationMs, error: message.slice(0, 4000) });
    log.error({ job: name, trigger, durationMs, error: message }, `job ${name} failed`);
    throw error;
  }
}
