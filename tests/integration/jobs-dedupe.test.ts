// Alert evaluations are collapsed per host: a burst of enqueues runs once, and an enqueue while one
// runs is kept for one more run after it. Same contract in process and on BullMQ.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { listJobRuns } from "@/db/queries/job-runs";
import { BullQueueDriver } from "@/lib/queue/bullmq";
import type { JobDefinition } from "@/lib/queue/definitions";
import { alertEvaluationJob } from "@/lib/queue/definitions";
import { InlineQueueDriver } from "@/lib/queue/inline";
import { useMigratedDatabase } from "../support/database";
import { waitFor } from "../support/processes";
import { testRedisUrl } from "../support/services";

const redisUrl = testRedisUrl();

describe("deduplicated enqueues in process", () => {
  useMigratedDatabase({ REDIS_URL: undefined });

  it("collapses a burst and keeps one run for after the active one", async () => {
    const job: JobDefinition = {
      name: "dedupe-test-job",
      description: "counts runs",
      payload: z.object({ hostId: z.string() }),
      attempts: 1,
      backoffMs: 10,
    };
    let runs = 0;
    let release: () => void = () => {};
    const driver = new InlineQueueDriver(
      {
        [job.name]: async () => {
          runs += 1;
          if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
          return { runs };
        },
      },
      [job],
    );
    try {
      const key = { dedupeKey: "host-1" };
      for (let i = 0; i < 5; i++) await driver.enqueue(job.name, { hostId: "h1" }, "manual", key);
      await waitFor(async () => runs === 1, 5000, 10);
      // While the first run is active, three more enqueues owe exactly one more run.
      for (let i = 0; i < 3; i++) await driver.enqueue(job.name, { hostId: "h1" }, "manual", key);
      release();
      await waitFor(
        async () => (await listJobRuns(job.name)).filter((r) => r.status === "succeeded").length === 2,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(runs).toBe(2);
    } finally {
      await driver.close();
    }
  });
});

describe.skipIf(!redisUrl)("deduplicated enqueues on BullMQ", () => {
  useMigratedDatabase({ REDIS_URL: redisUrl ?? undefined });

  it("queues one alert evaluation per host for a burst of reports", async () => {
    const driver = new BullQueueDriver();
    const hostId = "00000000-0000-4000-8000-00000000abcd";
    for (let i = 0; i < 5; i++) {
      await driver.enqueue(alertEvaluationJob.name, { hostId }, "schedule", {
        dedupeKey: `alert-evaluation:${hostId}`,
      });
    }
    await driver.enqueue(
      alertEvaluationJob.name,
      { hostId: "00000000-0000-4000-8000-00000000abce" },
      "schedule",
      {
        dedupeKey: "alert-evaluation:00000000-0000-4000-8000-00000000abce",
      },
    );
    const queue = new Queue(alertEvaluationJob.name, {
      connection: new Redis(redisUrl as string, { maxRetriesPerRequest: null }),
      prefix: process.env.REDIS_KEY_PREFIX,
    });
    expect(await queue.getWaitingCount()).toBe(2);
    await queue.obliterate({ force: true });
    await queue.close();
    await driver.close();
  });
});
