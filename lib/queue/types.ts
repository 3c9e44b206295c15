export type JobTrigger = "schedule" | "manual";

export type JobContext = { trigger: JobTrigger; jobName: string };

/** A job's processor: idempotent, returns a small JSON-able summary stored in job_runs. */
export type JobProcessor = (
  payload: unknown,
  context: JobContext,
) => Promise<Record<string, unknown> | undefined>;

export type JobProcessors = Record<string, JobProcessor>;

export interface QueueDriver {
  readonly kind: "bullmq" | "inline";
  enqueue(name: string, payload: unknown, trigger?: JobTrigger): Promise<void>;
  close(): Promise<void>;
}
