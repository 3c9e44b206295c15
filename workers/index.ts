// The worker entrypoint (`npm run worker`, or `worker` in the container): the only place that
// constructs BullMQ Workers. Registers the repeatable jobs, processes every queue, logs each run,
// and shuts down gracefully on SIGTERM/SIGINT.
import { UnrecoverableError, Worker } from "bullmq";
import { closeDb, prepareDatabase } from "@/db/migrate";
import { exitOnInvalidEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { BullQueueDriver, type QueuedJobData } from "@/lib/queue/bullmq";
import { jobDefinitions } from "@/lib/queue/definitions";
import { executeJob, InvalidJobPayloadError } from "@/lib/queue/run";
import { createRedisConnection } from "@/lib/redis";
import { processors } from "./registry";

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

  await prepareDatabase();
  const driver = new BullQueueDriver();
  await driver.registerSchedules();

  const connection = createRedisConnection("worker");
  const workers = jobDefinitions.map(
    (job) =>
      new Worker<QueuedJobData>(
        job.name,
        async (bullJob) => {
          try {
            return await executeJob(
              processors,
              job,
              bullJob.data?.payload,
              bullJob.data?.trigger ?? "manual",
            );
          } catch (error) {
            if (error instanceof InvalidJobPayloadError) throw new UnrecoverableError(error.message);
            throw error;
          }
        },
        { connection, prefix: env.redis.keyPrefix, concurrency: 2, autorun: true },
      ),
  );
  for (const worker of workers) {
    worker.on("error", (error) => log.error({ queue: worker.name, error: error.message }, "worker error"));
  }
  log.info({ queues: jobDefinitions.map((job) => job.name) }, "worker started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker stopping: waiting for running jobs");
    const forceExit = setTimeout(() => {
      log.error("worker did not stop within 30s; exiting");
      process.exit(1);
    }, 30_000);
    forceExit.unref();
    await Promise.allSettled(workers.map((worker) => worker.close()));
    await driver.close();
    connection.disconnect();
    await closeDb();
    log.info("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  getLogger("worker").fatal(
    { error: error instanceof Error ? error.message : String(error) },
    "worker failed to start",
  );
  process.stderr.write(
    `PatchMon worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
