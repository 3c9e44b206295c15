// The in-process driver: with no Redis configured, the web process runs every job itself on the
// same schedules, so zero-config mode is complete.
import { CronExpressionParser } from "cron-parser";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { getJobDefinition, jobDefinitions } from "./definitions";
import { executeJob } from "./run";
import type { JobProcessors, JobTrigger, QueueDriver } from "./types";

/** setTimeout cannot wait longer than about 24.8 days; longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function nextRunAt(cron: string, after: Date, tz: string): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz }).next().toDate();
}

export class InlineQueueDriver implements QueueDriver {
  readonly kind = "inline" as const;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly processors: JobProcessors) {}

  async enqueue(name: string, payload: unknown, trigger: JobTrigger = "manual"): Promise<void> {
    if (!getJobDefinition(name)) throw new Error(`Unknown job: ${name}`);
    this.run(name, payload, trigger);
  }

  /** Schedules every repeatable job. Runs missed while the process was down are not replayed. */
  startSchedules(): void {
    for (const job of jobDefinitions) {
      if (job.schedule) this.scheduleNext(job.name, job.schedule);
    }
  }

  private scheduleNext(name: string, cron: string): void {
    if (this.closed) return;
    const due = nextRunAt(cron, new Date(), getEnv().timezone).getTime();
    const arm = () => {
      const wait = Math.min(due - Date.now(), MAX_TIMER_MS);
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          if (Date.now() < due) return arm();
          this.run(name, {}, "schedule");
          this.scheduleNext(name, cron);
        },
        Math.max(wait, 0),
      );
      timer.unref();
      this.timers.add(timer);
    };
    arm();
  }

  private run(name: string, payload: unknown, trigger: JobTrigger): void {
    if (this.closed) return;
    const task = executeJob(this.processors, name, payload, trigger)
      .catch(() => {
        // executeJob has logged and recorded the failure; the in-process driver does not retry.
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Stops the schedules and waits for running jobs to finish. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
    getLogger("jobs").debug("in-process job driver stopped");
  }
}
