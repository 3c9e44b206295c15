// The in-process driver: with no Redis configured, the web process runs every job itself on the
// same schedules and with the same retries (attempts, exponential backoff) as the BullMQ driver,
// so zero-config mode is complete.
import { CronExpressionParser } from "cron-parser";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { type JobDefinition, jobDefinitions } from "./definitions";
import { executeJob, InvalidJobPayloadError } from "./run";
import type { JobProcessors, JobTrigger, QueueDriver } from "./types";

/** setTimeout cannot wait longer than about 24.8 days; longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function nextRunAt(cron: string, after: Date, tz: string): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz }).next().toDate();
}

/** The delay before retry number `attempt` (1-based), as BullMQ's exponential backoff computes it. */
export function backoffDelay(definition: JobDefinition, attempt: number): number {
  return definition.backoffMs * 2 ** (attempt - 1);
}

export class InlineQueueDriver implements QueueDriver {
  readonly kind = "inline" as const;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly processors: JobProcessors,
    private readonly definitions: readonly JobDefinition[] = jobDefinitions,
  ) {}

  private definition(name: string): JobDefinition {
    const definition = this.definitions.find((job) => job.name === name);
    if (!definition) throw new Error(`Unknown job: ${name}`);
    return definition;
  }

  async enqueue(name: string, payload: unknown, trigger: JobTrigger = "manual"): Promise<void> {
    this.run(this.definition(name), payload, trigger, 1);
  }

  /** Schedules every repeatable job. Runs missed while the process was down are not replayed. */
  startSchedules(): void {
    for (const job of this.definitions) {
      if (job.schedule) this.scheduleNext(job, job.schedule);
    }
  }

  private later(delayMs: number, callback: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        callback();
      },
      Math.max(delayMs, 0),
    );
    timer.unref();
    this.timers.add(timer);
  }

  private scheduleNext(job: JobDefinition, cron: string): void {
    if (this.closed) return;
    const due = nextRunAt(cron, new Date(), getEnv().timezone).getTime();
    const arm = () =>
      this.later(Math.min(due - Date.now(), MAX_TIMER_MS), () => {
        if (Date.now() < due) return arm();
        this.run(job, {}, "schedule", 1);
        this.scheduleNext(job, cron);
      });
    arm();
  }

  private run(job: JobDefinition, payload: unknown, trigger: JobTrigger, attempt: number): void {
    if (this.closed) return;
    const task = executeJob(this.processors, job, payload, trigger)
      .catch((error: unknown) => {
        // executeJob has logged and recorded the failure; retry like BullMQ would.
        if (error instanceof InvalidJobPayloadError || attempt >= job.attempts) return;
        const delay = backoffDelay(job, attempt);
        getLogger("jobs").info({ job: job.name, attempt, delayMs: delay }, `retrying job ${job.name}`);
        this.later(delay, () => this.run(job, payload, trigger, attempt + 1));
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Stops the schedules and pending retries, and waits for running jobs to finish. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
    getLogger("jobs").debug("in-process job driver stopped");
  }
}
