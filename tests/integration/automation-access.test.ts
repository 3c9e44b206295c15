// The Automation page is for settings managers only; its actions are audited, an unknown job is
// "not found" and a job the system queues per host or delivery cannot be run by hand.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listJobRuns } from "@/db/queries/job-runs";
import { auditLog } from "@/db/schema";
import { NotFoundError, PermissionError, ServiceError } from "@/lib/errors";
import { closeQueueDriver } from "@/lib/queue";
import {
  getJobHistoryFor,
  listJobsFor,
  pauseJobFor,
  resumeJobFor,
  retryFailedJobsFor,
  runJobNowFor,
} from "@/lib/queue/automation-access";
import { startJobsInWebProcessIfNeeded } from "@/workers/in-process";
import { BUILTIN_ROLES, signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { waitFor } from "../support/processes";

const SETTINGS: Record<(typeof BUILTIN_ROLES)[number], boolean> = {
  superadmin: true,
  admin: true,
  host_manager: false,
  user: false,
  readonly: false,
};

async function outcome(work: () => Promise<unknown>): Promise<"allow" | "deny"> {
  try {
    await work();
    return "allow";
  } catch (error) {
    if (error instanceof PermissionError) return "deny";
    throw error;
  }
}

describe("automation access", () => {
  useMigratedDatabase({ REDIS_URL: undefined, REDIS_HOST: undefined });
  beforeAll(() => {
    startJobsInWebProcessIfNeeded();
  });
  afterAll(closeQueueDriver);

  describe.each(BUILTIN_ROLES)("role %s", (roleName) => {
    const expected = SETTINGS[roleName] ? "allow" : "deny";
    let user: TestUser;
    beforeAll(async () => {
      user = await signedInUser(roleName);
    });

    it("lists, runs, pauses and resumes jobs only with can_manage_settings", async () => {
      const actor = user.actor;
      const before = (await listJobRuns("report-retention", 200)).length;
      expect(await outcome(() => listJobsFor(actor))).toBe(expected);
      expect(await outcome(() => getJobHistoryFor(actor, "report-retention"))).toBe(expected);
      expect(await outcome(() => runJobNowFor(actor, "report-retention"))).toBe(expected);
      expect(await outcome(() => pauseJobFor(actor, "version-check"))).toBe(expected);
      expect(await outcome(() => resumeJobFor(actor, "version-check"))).toBe(expected);
      if (SETTINGS[roleName]) {
        await waitFor(async () => (await listJobRuns("report-retention", 200)).length > before || undefined);
        const actions = await getDb()
          .select({ action: auditLog.action })
          .from(auditLog)
          .where(and(eq(auditLog.actorUserId, user.userId), eq(auditLog.targetType, "job")));
        expect(actions.map((row) => row.action).sort()).toEqual(["job.paused", "job.resumed", "job.run_now"]);
      } else {
        expect((await listJobRuns("report-retention", 200)).length).toBe(before);
      }
    });
  });

  it("answers not found for an unknown job and refuses what cannot be run or retried here", async () => {
    const admin = (await signedInUser("admin")).actor;
    await expect(runJobNowFor(admin, "no-such-job")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getJobHistoryFor(admin, "no-such-job")).rejects.toBeInstanceOf(NotFoundError);
    await expect(pauseJobFor(admin, "no-such-job")).rejects.toBeInstanceOf(NotFoundError);
    await expect(runJobNowFor(admin, "alert-evaluation")).rejects.toBeInstanceOf(ServiceError);
    // Without Redis there is no failed-job queue.
    await expect(retryFailedJobsFor(admin, "orphan-cleanup")).rejects.toBeInstanceOf(ServiceError);
    const readonly = (await signedInUser("readonly")).actor;
    await expect(retryFailedJobsFor(readonly, "orphan-cleanup")).rejects.toBeInstanceOf(PermissionError);
  });

  it("shows a paused job as paused with no next run", async () => {
    const admin = (await signedInUser("admin")).actor;
    await pauseJobFor(admin, "orphan-cleanup");
    expect((await listJobsFor(admin)).find((job) => job.name === "orphan-cleanup")).toMatchObject({
      paused: true,
      nextRunAt: null,
    });
    await resumeJobFor(admin, "orphan-cleanup");
    expect((await listJobsFor(admin)).find((job) => job.name === "orphan-cleanup")?.paused).toBe(false);
  });
});
