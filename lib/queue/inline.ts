// The in-process driver: with no Redis configured, the web process runs every job itself on the
// same schedules and with the same retries (attempts, exponential backoff) as the BullMQ driver,
// so zero-config mode is complete.
import { CronExpressionParser } from "cron-parser";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { type JobDefinition, jobDefinitions } from "./definitions";
import { flushFinishedRuns } from "./finished-runs";
import { executeJob, InvalidJobPayloadError } from "./run";
import type { EnqueueOptions, JobProcessors, JobTrigger, QueueDriver } from "./types";

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
  /** Dedupe keys: "waiting" until the run starts, "active" while it runs, "again" when one more run is owed. */
  private readonly keyed = new Map<string, "waiting" | "active" | "again">();
  private readonly pendingAgain = new Map<string, () => Promise<void>>();
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

  async enqueue(
    name: string,
    payload: unknown,
    trigger: JobTrigger = "manual",
    options: EnqueueOptions = {},
  ): Promise<void> {
    const definition = this.definition(name);
    const key = options.dedupeKey;
    if (!key) return this.run(definition, payload, trigger, 1);
    const state = this.keyed.get(key);
    if (state === "waiting" || state === "again") return;
    if (state === "active") {
      this.keyed.set(key, "again");
      this.pendingAgain.set(key, () => this.enqueue(name, payload, trigger, options));
      return;
    }
    this.keyed.set(key, "waiting");
    // Started on the next turn so a burst of enqueues in one tick collapses into one run.
    this.later(0, () => {
      this.keyed.set(key, "active");
      this.run(definition, payload, trigger, 1, undefined, () => {
        const again = this.keyed.get(key) === "again" ? this.pendingAgain.get(key) : undefined;
        this.keyed.delete(key);
        this.pendingAgain.delete(key);
        if (again) void again();
      });
    });
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
        this.run(job, {}, "schedule", 1, new Date(due));
        this.scheduleNext(job, cron);
      });
    arm();
  }

  private run(
    job: JobDefinition,
    payload: unknown,
    trigger: JobTrigger,
    attempt: number,
    slot?: Date,
    done?: () => void,
  ): void {
    if (this.closed) return;
    const task = executeJob(this.processors, job, payload, trigger, slot)
      .then(() => done?.())
      .catch((error: unknown) => {
        // executeJob has logged and recorded the failure; retry like BullMQ would.
        if (error instanceof InvalidJobPayloadError || attempt >= job.attempts) return done?.();
        const delay = backoffDelay(job, attempt);
        getLogger("jobs").info({ job: job.name, attempt, delayMs: delay }, `retrying job ${job.name}`);
        this.later(delay, () => this.run(job, payload, trigger, attempt + 1, slot, done));
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
    await flushFinishedRuns();
    getLogger("jobs").debug("in-process job driver stopped");
  }
}
