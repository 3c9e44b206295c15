// The worker with Redis registers the schedules and processes the cleanup job; SIGTERM stops it cleanly.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { listJobRuns } from "@/db/queries/job-runs";
import { BullQueueDriver } from "@/lib/queue/bullmq";
import { sessionCleanupJob } from "@/lib/queue/definitions";
import { useMigratedDatabase } from "../support/database";
import { countSessions, seedSessions } from "../support/fixtures";
import { collect, spawnEntry, waitFor } from "../support/processes";
import { testDatabaseUrl, testRedisUrl } from "../support/services";

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl || !testDatabaseUrl())("worker with Redis", () => {
  useMigratedDatabase({ REDIS_URL: redisUrl ?? undefined });

  it("processes an enqueued cleanup job and records the run", async () => {
    const { expiredIds, liveIds } = await seedSessions();
    const startedAt = new Date();
    const child = spawnEntry("workers/index.ts", [], {
      DATABASE_URL: process.env.DATABASE_URL,
      JWT_SECRET: process.env.JWT_SECRET,
      REDIS_URL: redisUrl as string,
      REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX,
      PATCHMON_DATA_DIR: process.env.PATCHMON_DATA_DIR,
      PM_LOG_TO_CONSOLE: "true",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    const exited = collect(child);
    await waitFor(async () => output.includes("worker started"), 60_000);

    const queue = new Queue(sessionCleanupJob.name, {
      connection: new Redis(redisUrl as string, { maxRetriesPerRequest: null }),
      prefix: process.env.REDIS_KEY_PREFIX,
    });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern])).toEqual([
      [sessionCleanupJob.name, sessionCleanupJob.schedule],
    ]);

    const driver = new BullQueueDriver();
    await driver.enqueue(sessionCleanupJob.name, {});
    await driver.close();

    const run = await waitFor(
      async () =>
        (await listJobRuns(sessionCleanupJob.name)).find(
          (r) => r.status === "succeeded" && r.startedAt >= startedAt,
        ),
      30_000,
    );
    expect(run.triggeredBy).toBe("manual");
    // Other files share the database and may leave ended sessions of their own: at least ours went.
    expect((run.result as { sessions: number }).sessions).toBeGreaterThanOrEqual(expiredIds.length);
    expect(await countSessions(expiredIds)).toBe(0);
    expect(await countSessions(liveIds)).toBe(liveIds.length);
    expect(output).toMatch(/job session-cleanup succeeded/);

    child.kill("SIGTERM");
    const result = await exited;
    expect(result.code).toBe(0);
    expect(output).toMatch(/worker stopped/);
    await queue.close();
  }, 120_000);
});
