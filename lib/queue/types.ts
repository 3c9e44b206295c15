export type JobTrigger = "schedule" | "manual";

export type JobContext = { trigger: JobTrigger; jobName: string };

/** A job's processor: idempotent, returns a small JSON-able summary stored in job_runs. */
export type JobProcessor = (
  payload: unknown,
  context: JobContext,
) => Promise<Record<string, unknown> | undefined>;

export type JobProcessors = Record<string, JobProcessor>;

export type EnqueueOptions = {
  /**
   * Collapses work: while a job with this key waits, another enqueue is dropped; while one runs,
   * one more run is kept for after it (BullMQ deduplication with keepLastIfActive).
   */
  dedupeKey?: string;
};

export interface QueueDriver {
  readonly kind: "bullmq" | "inline";
  enqueue(name: string, payload: unknown, trigger?: JobTrigger, options?: EnqueueOptions): Promise<void>;
  close(): Promise<void>;
}
