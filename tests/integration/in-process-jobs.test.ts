// Without Redis, the web process hosts the jobs: enqueued work runs in-process and is recorded.
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { listJobRuns } from "@/db/queries/job-runs";
import { closeQueueDriver, enqueue, getQueueDriver } from "@/lib/queue";
import { type JobDefinition, sessionCleanupJob } from "@/lib/queue/definitions";
import { backoffDelay, InlineQueueDriver } from "@/lib/queue/inline";
import { startJobsInWebProcessIfNeeded } from "@/workers/in-process";
import { useMigratedDatabase } from "../support/database";
import { countSessions, seedSessions } from "../support/fixtures";
import { waitFor } from "../support/processes";

describe("jobs without Redis", () => {
  useMigratedDatabase({ REDIS_URL: undefined, REDIS_HOST: undefined });
  afterAll(closeQueueDriver);

  it("refuses to enqueue before the in-process driver is started", async () => {
    await expect(enqueue(sessionCleanupJob.name)).rejects.toThrow(
      /in-process job driver has not been started/,
    );
  });

  it("runs the cleanup job in this process and records the run", async () => {
    expect(startJobsInWebProcessIfNeeded()).toBe(true);
    expect(getQueueDriver().kind).toBe("inline");
    const { expiredIds, liveIds } = await seedSessions();
    const startedAt = new Date();

    await enqueue(sessionCleanupJob.name, {});
    const run = await waitFor(async () => {
      const runs = await listJobRuns(sessionCleanupJob.name);
      return runs.find((r) => r.status === "succeeded" && r.startedAt >= startedAt);
    });
    expect(run.triggeredBy).toBe("manual");
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    // Other files share the database and may leave ended sessions of their own: at least ours went.
    expect((run.result as { sessions: number }).sessions).toBeGreaterThanOrEqual(expiredIds.length);
    expect(await countSessions(expiredIds)).toBe(0);
    expect(await countSessions(liveIds)).toBe(liveIds.length);
  });

  it("records a failed run when the payload is invalid, without retrying", async () => {
    const startedAt = new Date();
    await enqueue(sessionCleanupJob.name, { unexpected: true });
    const run = await waitFor(async () =>
      (await listJobRuns(sessionCleanupJob.name)).find(
        (r) => r.status === "failed" && r.startedAt >= startedAt,
      ),
    );
    expect(run.error).toMatch(/Invalid payload for job session-cleanup/);
  });

  it("rejects unknown jobs", async () => {
    await expect(enqueue("no-such-job")).rejects.toThrow(/Unknown job/);
  });
});

describe("in-process retries", () => {
  useMigratedDatabase({ REDIS_URL: undefined, REDIS_HOST: undefined });

  const flaky: JobDefinition = {
    name: "flaky-test-job",
    description: "fails twice, then succeeds",
    payload: z.object({}),
    attempts: 3,
    backoffMs: 20,
  };
  const broken: JobDefinition = { ...flaky, name: "broken-test-job", description: "always fails" };

  it("retries with backoff like BullMQ and stops after the last attempt", async () => {
    let calls = 0;
    const driver = new InlineQueueDriver(
      {
        [flaky.name]: async () => {
          calls += 1;
          if (calls < 3) throw new Error(`transient failure ${calls}`);
          return { calls };
        },
        [broken.name]: async () => {
          throw new Error("permanent failure");
        },
      },
      [flaky, broken],
    );
    try {
      await driver.enqueue(flaky.name, {});
      await driver.enqueue(broken.name, {});
      const flakyRuns = await waitFor(async () => {
        const runs = await listJobRuns(flaky.name);
        return runs.some((run) => run.status === "succeeded") ? runs : undefined;
      });
      expect(flakyRuns.map((run) => run.status).sort()).toEqual(["failed", "failed", "succeeded"]);
      expect(flakyRuns.find((run) => run.status === "succeeded")?.result).toEqual({ calls: 3 });

      const brokenRuns = await waitFor(async () => {
        const runs = await listJobRuns(broken.name);
        return runs.length >= 3 ? runs : undefined;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await listJobRuns(broken.name)).toHaveLength(3);
      expect(brokenRuns.every((run) => run.error === "permanent failure")).toBe(true);
    } finally {
      await driver.close();
    }
    expect(backoffDelay(flaky, 1)).toBe(20);
    expect(backoffDelay(flaky, 3)).toBe(80);
  });
});
