// Without Redis, the web process hosts the jobs: enqueued work runs in-process and is recorded.
import { afterAll, describe, expect, it } from "vitest";
import { listJobRuns } from "@/db/queries/job-runs";
import { closeQueueDriver, enqueue, getQueueDriver } from "@/lib/queue";
import { sessionCleanupJob } from "@/lib/queue/definitions";
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
    expect(run.result).toMatchObject({ sessions: expiredIds.length });
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
