// The Automation page's functions without Redis: every job listed, run now, pause and resume.
import { afterAll, describe, expect, it } from "vitest";
import { listJobRuns } from "@/db/queries/job-runs";
import { closeQueueDriver } from "@/lib/queue";
import {
  getJobHistory,
  listJobs,
  pauseJob,
  resumeJob,
  retryFailedJobs,
  runJobNow,
} from "@/lib/queue/automation";
import { jobDefinitions } from "@/lib/queue/definitions";
import { startJobsInWebProcessIfNeeded } from "@/workers/in-process";
import { useMigratedDatabase } from "../support/database";
import { waitFor } from "../support/processes";
import { testRedisUrl } from "../support/services";

const redisUrl = testRedisUrl();

describe("automation service", () => {
  useMigratedDatabase({ REDIS_URL: undefined, REDIS_HOST: undefined });
  afterAll(closeQueueDriver);

  it("lists every job with its schedule, runs one now and pauses it", async () => {
    startJobsInWebProcessIfNeeded();
    const jobs = await listJobs(new Date("2026-11-26T12:00:30Z"));
    expect(jobs.map((j) => j.name)).toEqual(jobDefinitions.map((j) => j.name));
    const monitor = jobs.find((j) => j.name === "host-status-monitor");
    expect(monitor).toMatchObject({
      schedule: "* * * * *",
      scheduleText: "Every minute",
      paused: false,
      canRunNow: true,
      queue: null,
    });
    expect(monitor?.nextRunAt?.toISOString()).toBe("2026-11-26T12:01:00.000Z");
    expect(jobs.find((j) => j.name === "alert-evaluation")).toMatchObject({
      schedule: null,
      canRunNow: false,
    });

    await runJobNow("orphan-cleanup", null);
    const run = await waitFor(async () =>
      (await listJobRuns("orphan-cleanup")).find(
        (r) => r.triggeredBy === "manual" && r.status === "succeeded",
      ),
    );
    expect((await getJobHistory("orphan-cleanup"))[0]?.id).toBe(run.id);
    expect((await listJobs()).find((j) => j.name === "orphan-cleanup")?.lastRun?.id).toBe(run.id);

    await pauseJob("version-check", null);
    expect((await listJobs()).find((j) => j.name === "version-check")).toMatchObject({
      paused: true,
      nextRunAt: null,
    });
    await resumeJob("version-check", null);
    expect((await listJobs()).find((j) => j.name === "version-check")?.paused).toBe(false);

    await expect(runJobNow("alert-evaluation", null)).rejects.toThrow(/cannot be run by hand/);
    await expect(pauseJob("no-such-job", null)).rejects.toThrow(/Unknown job/);
    expect(await retryFailedJobs("orphan-cleanup", null)).toBe(false);
  });
});

describe.skipIf(!redisUrl)("automation service with BullMQ", () => {
  useMigratedDatabase({ REDIS_URL: redisUrl ?? undefined });
  afterAll(closeQueueDriver);

  it("shows queue depth and retries failed jobs", async () => {
    await runJobNow("orphan-cleanup", null);
    const jobs = await listJobs();
    expect(jobs.find((j) => j.name === "orphan-cleanup")?.queue).toMatchObject({ waiting: 1, failed: 0 });
    expect(jobs.find((j) => j.name === "version-check")?.queue).toEqual({
      waiting: 0,
      active: 0,
      delayed: 0,
      failed: 0,
      completed: 0,
    });
    expect(await retryFailedJobs("orphan-cleanup", null)).toBe(true);
  });
});
