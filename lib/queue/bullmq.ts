// The BullMQ driver's producer side (queues and schedules). Workers are built in workers/index.ts.
import { type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { getEnv } from "@/lib/env";
import { createRedisConnection, producerOptions, withTimeout } from "@/lib/redis";
import { getJobDefinition, type JobDefinition, jobDefinitions } from "./definitions";
import type { EnqueueOptions, JobTrigger, QueueDriver } from "./types";

/** What travels in a BullMQ job: the validated-later payload and why it runs. */
export type QueuedJobData = { payload: unknown; trigger: JobTrigger };

export function jobOptions(job: JobDefinition): JobsOptions {
  const keep = job.keep ?? { completed: 200, failed: 1000 };
  return {
    attempts: job.attempts,
    backoff: { type: "exponential", delay: job.backoffMs },
    removeOnComplete: { count: keep.completed, age: 7 * 86_400 },
    removeOnFail: { count: keep.failed, age: 30 * 86_400 },
  };
}

export type QueueCounts = {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
};

export class BullQueueDriver implements QueueDriver {
  readonly kind = "bullmq" as const;
  private readonly queues = new Map<string, Queue>();
  private readonly connection: Redis;

  constructor(connection?: Redis) {
    this.connection = connection ?? createRedisConnection("queue", producerOptions);
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      const definition = getJobDefinition(name);
      if (!definition) throw new Error(`Unknown job: ${name}`);
      queue = new Queue(name, {
        connection: this.connection,
        prefix: getEnv().redis.keyPrefix,
        defaultJobOptions: jobOptions(definition),
      });
      // Without a listener BullMQ prints every connection error to the console; the connection
      // already logs them through the logger (rate-limited).
      queue.on("error", () => {});
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue(
    name: string,
    payload: unknown,
    trigger: JobTrigger = "manual",
    options: EnqueueOptions = {},
  ): Promise<void> {
    const data: QueuedJobData = { payload, trigger };
    const opts: JobsOptions = options.dedupeKey
      ? { deduplication: { id: options.dedupeKey, keepLastIfActive: true } }
      : {};
    await withTimeout(this.queue(name).add(name, data, opts), 5000, `queueing job ${name}`);
  }

  /** Queue depth for the Automation page. */
  async counts(name: string): Promise<QueueCounts> {
    const counts = await withTimeout(
      this.queue(name).getJobCounts("waiting", "active", "delayed", "failed", "completed"),
      5000,
      `counting jobs of ${name}`,
    );
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
    };
  }

  /** Moves every failed job of the queue back to waiting. */
  async retryFailed(name: string): Promise<void> {
    await withTimeout(this.queue(name).retryJobs({ state: "failed" }), 5000, `retrying jobs of ${name}`);
  }

  /**
   * Registers (or updates) every repeatable job. BullMQ's job schedulers create one job per slot,
   * so several workers registering and consuming never run one slot twice.
   */
  async registerSchedules(): Promise<void> {
    const tz = getEnv().timezone;
    for (const job of jobDefinitions) {
      if (!job.schedule) continue;
      const data: QueuedJobData = { payload: {}, trigger: "schedule" };
      await this.queue(job.name).upsertJobScheduler(
        job.name,
        { pattern: job.schedule, tz },
        { name: job.name, data },
      );
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    this.connection.disconnect();
  }
}
