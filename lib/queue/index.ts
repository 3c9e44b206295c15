// Enqueue jobs without knowing the driver: BullMQ when Redis is configured, in-process otherwise.
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { BullQueueDriver } from "./bullmq";
import { flushFinishedRuns } from "./finished-runs";
import { InlineQueueDriver } from "./inline";
import type { EnqueueOptions, JobProcessors, JobTrigger, QueueDriver } from "./types";

export { getJobDefinition, jobDefinitions } from "./definitions";
export type { EnqueueOptions, JobProcessors, JobTrigger, QueueDriver } from "./types";

// Kept on globalThis so Next's dev reloads do not start a second scheduler.
const store = globalThis as unknown as { __patchmonQueue?: QueueDriver };

/** The driver of this process: BullMQ producer with Redis; the started in-process driver without. */
export function getQueueDriver(): QueueDriver {
  if (!store.__patchmonQueue) {
    if (!getEnv().redis.enabled) {
      throw new Error("No Redis configured and the in-process job driver has not been started");
    }
    store.__patchmonQueue = new BullQueueDriver();
  }
  return store.__patchmonQueue;
}

export async function enqueue(
  name: string,
  payload: unknown = {},
  trigger: JobTrigger = "manual",
  options: EnqueueOptions = {},
): Promise<void> {
  await getQueueDriver().enqueue(name, payload, trigger, options);
}

/** Zero-config mode: run every job (schedules and enqueued work) inside this process. */
export function startInProcessJobs(processors: JobProcessors): InlineQueueDriver {
  const existing = store.__patchmonQueue;
  if (existing instanceof InlineQueueDriver) return existing;
  const driver = new InlineQueueDriver(processors);
  driver.startSchedules();
  store.__patchmonQueue = driver;
  getLogger("jobs").info("no Redis configured: background jobs run in this process");
  return driver;
}

export async function closeQueueDriver(): Promise<void> {
  const driver = store.__patchmonQueue;
  store.__patchmonQueue = undefined;
  try {
    await driver?.close();
  } finally {
    await flushFinishedRuns();
  }
}
