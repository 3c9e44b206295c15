// The worker entrypoint (`npm run worker`, or `worker` in the container): the only place that
// constructs BullMQ Workers. Registers the repeatable jobs, processes every queue, logs each run,
// and shuts down gracefully on SIGTERM/SIGINT (also while it is still starting).
import { UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { closeDb, prepareDatabase } from "@/db/migrate";
import { exitOnInvalidEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { BullQueueDriver, type QueuedJobData } from "@/lib/queue/bullmq";
import { type JobDefinition, jobDefinitions } from "@/lib/queue/definitions";
import { flushFinishedRuns } from "@/lib/queue/finished-runs";
import { startHeartbeat } from "@/lib/queue/heartbeat";
import { executeJob, InvalidJobPayloadError } from "@/lib/queue/run";
import { createRedisConnection, waitForRedis } from "@/lib/redis";
import { processors } from "./registry";

const SHUTDOWN_GRACE_MS = 30_000;

const running: {
  workers: Worker[];
  driver?: BullQueueDriver;
  connection?: Redis;
  stopHeartbeat?: () => void;
} = { workers: [] };
let stopping = false;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const log = getLogger("worker");
  log.info({ signal }, "worker stopping: waiting for running jobs");
  setTimeout(() => {
    log.error(`worker did not stop within ${SHUTDOWN_GRACE_MS / 1000}s; exiting`);
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  running.stopHeartbeat?.();
  await Promise.allSettled(running.workers.map((worker) => worker.close()));
  await running.driver?.close();
  await flushFinishedRuns();
  running.connection?.disconnect();
  await closeDb();
  log.info("worker stopped");
  process.exit(0);
}

function startWorker(job: JobDefinition, connection: Redis, prefix: string): Worker<QueuedJobData> {
  const worker = new Worker<QueuedJobData>(
    job.name,
    async (bullJob) => {
      try {
        const trigger = bullJob.data?.trigger ?? "manual";
        // Scheduler jobs carry their slot time; it is claimed in job_runs (one run per slot).
        const slot = bullJob.opts.prevMillis ? new Date(bullJob.opts.prevMillis) : undefined;
        return await executeJob(processors, job, bullJob.data?.payload, trigger, slot);
      } catch (error) {
        if (error instanceof InvalidJobPayloadError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    { connection, prefix, concurrency: 2, autorun: true },
  );
  worker.on("error", (error) =>
    getLogger("worker").error({ queue: job.name, error: error.message }, "worker error"),
  );
  return worker;
}

async function main(): Promise<void> {
  const env = exitOnInvalidEnv("worker");
  const log = getLogger("worker");
  if (!env.redis.enabled) {
    log.error(
      "the worker needs Redis: set REDIS_HOST or REDIS_URL (without Redis the web process runs the jobs)",
    );
    process.stderr.write(
      "PatchMon worker: REDIS_HOST or REDIS_URL is required; without Redis the web process runs jobs.\n",
    );
    process.exit(1);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  await prepareDatabase();
  await waitForRedis();
  if (stopping) return;
  running.driver = new BullQueueDriver();
  await running.driver.registerSchedules();
  running.connection = createRedisConnection("worker");
  running.workers = jobDefinitions.map((job) =>
    startWorker(job, running.connection as Redis, env.redis.keyPrefix),
  );
  running.stopHeartbeat = startHeartbeat(running.connection, (error) =>
    log.warn({ error: messageOf(error) }, "could not write the worker heartbeat"),
  );
  log.info({ queues: jobDefinitions.map((job) => job.name) }, "worker started");
}

main().catch((error: unknown) => {
  getLogger("worker").fatal({ error: messageOf(error) }, "worker failed to start");
  process.stderr.write(`PatchMon worker failed to start: ${messageOf(error)}\n`);
  process.exit(1);
});
