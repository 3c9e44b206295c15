// Scheduled slots run once: across two worker processes (BullMQ schedulers plus the slot claim in
// job_runs), and when the same slot is offered twice to the in-process path.
import { and, eq, gte, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb, observeQueries } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { closeQueueDriver } from "@/lib/queue";
import { pauseJob, resumeJob } from "@/lib/queue/automation";
import { alertEvaluationJob, hostStatusMonitorJob, notificationDigestJob } from "@/lib/queue/definitions";
import { flushFinishedRuns, recordFinishedRun } from "@/lib/queue/finished-runs";
import { executeJob } from "@/lib/queue/run";
import { processors } from "@/workers/registry";
import { startWorker } from "../support/alerts";
import { useMigratedDatabase } from "../support/database";
import { waitFor } from "../support/processes";
import { testDatabaseUrl, testRedisUrl } from "../support/services";
import { statementsOf } from "../support/statements";

const redisUrl = testRedisUrl();

async function scheduledRuns(jobName: string, since: Date) {
  return getDb()
    .select({ slot: jobRuns.scheduledFor, count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(jobRuns)
    .where(
      and(eq(jobRuns.jobName, jobName), eq(jobRuns.triggeredBy, "schedule"), gte(jobRuns.startedAt, since)),
    )
    .groupBy(jobRuns.scheduledFor);
}

describe("one run per scheduled slot", () => {
  useMigratedDatabase({ REDIS_URL: undefined });

  it("claims a slot once and skips paused schedules", async () => {
    const slot = new Date("2026-11-26T10:15:00Z");
    const since = new Date(Date.now() - 1000);
    const first = await executeJob(processors, hostStatusMonitorJob, {}, "schedule", slot);
    const second = await executeJob(
      processors,
      hostStatusMonitorJob,
      {},
      "schedule",
      new Date(slot.getTime() + 400),
    );
    expect(first).not.toHaveProperty("skipped");
    expect(second).toEqual({ skipped: "slot already run" });
    expect(await scheduledRuns(hostStatusMonitorJob.name, since)).toEqual([{ slot, count: 1 }]);

    await pauseJob(hostStatusMonitorJob.name, null);
    expect(
      await executeJob(processors, hostStatusMonitorJob, {}, "schedule", new Date(slot.getTime() + 60_000)),
    ).toEqual({
      skipped: "paused",
    });
    // "Run now" still runs while paused.
    expect(await executeJob(processors, hostStatusMonitorJob, {}, "manual")).not.toHaveProperty("skipped");
    await resumeJob(hostStatusMonitorJob.name, null);
  });
});

describe("runs recorded when they finish", () => {
  useMigratedDatabase({ REDIS_URL: undefined });

  const runsOf = (since: Date) =>
    getDb()
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.jobName, alertEvaluationJob.name), gte(jobRuns.startedAt, since)));
  const run = (status: "succeeded" | "failed", error?: string) => ({
    jobName: alertEvaluationJob.name,
    trigger: "manual" as const,
    startedAt: new Date(),
    status,
    durationMs: 1,
    error,
  });

  it("records per-report runs once they ended, succeeded or failed", async () => {
    const since = new Date(Date.now() - 1000);
    const hostId = "00000000-0000-4000-8000-000000000000";
    const statements: string[] = [];
    const stop = observeQueries((query) => statements.push(query));
    try {
      // An unknown host: the evaluation reads once and skips; no run row is started.
      expect(await executeJob(processors, alertEvaluationJob, { hostId }, "manual")).toEqual({
        skipped: "host not found",
      });
      await expect(
        executeJob(processors, alertEvaluationJob, { hostId: "not-a-uuid" }, "manual"),
      ).rejects.toThrow(/Invalid payload/);
      await flushFinishedRuns();
    } finally {
      stop();
    }
    expect(statements[0]).toMatch(/^select/);
    expect(statements.slice(1).every((statement) => /^insert into "job_runs"/.test(statement))).toBe(true);
    const runs = await runsOf(since);
    const succeeded = runs.find((r) => r.status === "succeeded");
    expect(succeeded).toMatchObject({ triggeredBy: "manual", result: { skipped: "host not found" } });
    expect(succeeded?.finishedAt?.getTime()).toBeGreaterThanOrEqual(
      succeeded?.startedAt.getTime() ?? Number.NaN,
    );
    expect(runs.map((r) => r.status).sort()).toEqual(["failed", "succeeded"]);
    expect(runs.find((r) => r.status === "failed")?.error).toMatch(/hostId/);

    // Nobody flushes: the run is written on its own shortly after.
    const later = new Date();
    await executeJob(processors, alertEvaluationJob, { hostId }, "manual");
    await vi.waitFor(async () => expect(await runsOf(later)).toHaveLength(1), { timeout: 5_000 });
  });

  it("writes the runs of a batch in one statement, and keeps the good ones when one is refused", async () => {
    const since = new Date();
    const statements = await statementsOf(async () => {
      recordFinishedRun(run("succeeded"));
      recordFinishedRun(run("failed", "first"));
      await flushFinishedRuns();
    });
    expect(statements).toHaveLength(1);
    expect(await runsOf(since)).toHaveLength(2);

    // Text PostgreSQL cannot store (a NUL) in one run: the batch is refused, then row by row.
    const next = new Date();
    recordFinishedRun(run("failed", "before"));
    recordFinishedRun(run("failed", "bad \u0000 byte"));
    recordFinishedRun(run("failed", "after"));
    await flushFinishedRuns();
    expect((await runsOf(next)).map((r) => r.error).sort()).toEqual(["after", "before"]);
  });

  it("flushes when the queue driver closes", async () => {
    const since = new Date();
    recordFinishedRun(run("succeeded"));
    await closeQueueDriver();
    expect(await runsOf(since)).toHaveLength(1);
  });
});

describe.skipIf(!redisUrl || !testDatabaseUrl())("two worker processes", () => {
  useMigratedDatabase({ REDIS_URL: redisUrl ?? undefined });

  it("never both run the same scheduled slot", async () => {
    const since = new Date();
    const workers = await Promise.all([startWorker(redisUrl as string), startWorker(redisUrl as string)]);
    try {
      // The every-minute jobs fire at the next minute boundary (at most ~60 s away).
      await waitFor(
        async () => (await scheduledRuns(notificationDigestJob.name, since)).length > 0,
        90_000,
        500,
      );
      await waitFor(
        async () => (await scheduledRuns(hostStatusMonitorJob.name, since)).length > 0,
        30_000,
        500,
      );
      await new Promise((resolve) => setTimeout(resolve, 3000));
      for (const job of [hostStatusMonitorJob.name, notificationDigestJob.name]) {
        const runs = await scheduledRuns(job, since);
        expect(runs.length).toBeGreaterThan(0);
        for (const run of runs) {
          expect(run.slot?.getUTCSeconds()).toBe(0);
          expect(run.count).toBe(1);
        }
      }
    } finally {
      const results = await Promise.all(workers.map((w) => w.stop()));
      expect(results.map((r) => r.code)).toEqual([0, 0]);
    }
  }, 180_000);
});
