// The maintenance jobs against real PostgreSQL: orphans, report retention with aggregates, command
// expiry, the version check's default of not calling home, and the time-based alerts.
import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  agentCommands,
  alertHostStates,
  enrolmentTokens,
  hostPackages,
  hosts,
  jobRuns,
  packages,
  reportDailyAggregates,
  reports,
  repositories,
  settings,
} from "@/db/schema";
import { listAlerts } from "@/lib/alerts/service";
import { processors } from "@/workers/registry";
import { addContactedHost, alertsOf, hostStatus } from "../support/alerts";
import { useMigratedDatabase } from "../support/database";

const run = (name: string, payload: unknown = {}) =>
  (processors[name] as NonNullable<(typeof processors)[string]>)(payload, {
    trigger: "manual",
    jobName: name,
  });
const tag = () => randomBytes(4).toString("hex");
const daysAgo = (days: number, hour = 12) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() - days);
  date.setUTCHours(hour, 0, 0, 0);
  return date;
};

describe("maintenance jobs", () => {
  useMigratedDatabase({ REDIS_URL: undefined, TZ: "UTC" });

  it("deletes orphaned packages and repositories in batches, keeping used and fresh ones", async () => {
    const db = getDb();
    const old = daysAgo(2);
    const host = await addContactedHost(0);
    const rows = await db
      .insert(packages)
      .values([
        ...Array.from({ length: 5 }, () => ({
          name: `orphan-${tag()}`,
          packageManager: "apt",
          createdAt: old,
        })),
        { name: `used-${tag()}`, packageManager: "apt", createdAt: old },
        { name: `fresh-${tag()}`, packageManager: "apt" },
      ])
      .returning({ id: packages.id, name: packages.name });
    const used = rows.find((r) => r.name.startsWith("used-"));
    await db
      .insert(hostPackages)
      .values({ hostId: host.id, packageId: used?.id as string, currentVersion: "1" });
    const [repo] = await db
      .insert(repositories)
      .values({ name: "r", url: `http://deb.example.com/${tag()}`, repoType: "deb", createdAt: old })
      .returning({ id: repositories.id });

    const result = await run("orphan-cleanup", { batchSize: 2 });
    expect(result?.packages).toBeGreaterThanOrEqual(5);
    expect(result?.repositories).toBeGreaterThanOrEqual(1);
    const left = await db
      .select({ name: packages.name })
      .from(packages)
      .where(
        inArray(
          packages.id,
          rows.map((r) => r.id),
        ),
      );
    expect(left.map((r) => r.name.split("-")[0]).sort()).toEqual(["fresh", "used"]);
    expect(
      await db
        .select()
        .from(repositories)
        .where(eq(repositories.id, repo?.id as string)),
    ).toHaveLength(0);
    expect(await run("orphan-cleanup", { batchSize: 2 })).toMatchObject({ packages: 0, repositories: 0 });
  });

  it("rolls old reports up into daily aggregates before deleting them", async () => {
    const db = getDb();
    await db.update(settings).set({ reportRetentionDays: 30 });
    const host = await addContactedHost(0);
    const oldDay = daysAgo(40);
    await db.insert(reports).values([
      {
        hostId: host.id,
        createdAt: daysAgo(40, 8),
        status: "success",
        packagesCount: 100,
        updatesCount: 5,
        securityUpdatesCount: 1,
      },
      {
        hostId: host.id,
        createdAt: daysAgo(40, 20),
        status: "failed",
        packagesCount: 100,
        updatesCount: 7,
        securityUpdatesCount: 2,
      },
      { hostId: host.id, createdAt: daysAgo(3), status: "success", packagesCount: 90 },
    ]);
    const result = await run("report-retention");
    expect(result).toMatchObject({ retentionDays: 30 });
    const kept = await db.select().from(reports).where(eq(reports.hostId, host.id));
    expect(kept.map((r) => r.packagesCount)).toEqual([90]);
    const day = oldDay.toISOString().slice(0, 10);
    const [perHost] = await db
      .select()
      .from(reportDailyAggregates)
      .where(and(eq(reportDailyAggregates.hostId, host.id), eq(reportDailyAggregates.day, day)));
    expect(perHost).toMatchObject({
      reportsCount: 2,
      failedReportsCount: 1,
      updatesCount: 7,
      securityUpdatesCount: 2,
    });
    const [fleet] = await db
      .select()
      .from(reportDailyAggregates)
      .where(and(isNull(reportDailyAggregates.hostId), eq(reportDailyAggregates.day, day)));
    expect(fleet?.reportsCount).toBeGreaterThanOrEqual(2);
    // A second run keeps the aggregate (its reports are gone) and deletes nothing more.
    expect(await run("report-retention")).toMatchObject({ reportsDeleted: 0 });
    const [again] = await db
      .select()
      .from(reportDailyAggregates)
      .where(and(eq(reportDailyAggregates.hostId, host.id), eq(reportDailyAggregates.day, day)));
    expect(again?.reportsCount).toBe(2);
  });

  it("deletes job runs older than 30 days, keeping each job's newest run however old", async () => {
    const db = getDb();
    const [busy, rare] = [`busy-${tag()}`, `rare-${tag()}`];
    await db.insert(jobRuns).values([
      { jobName: busy, startedAt: daysAgo(45), status: "succeeded" },
      { jobName: busy, startedAt: daysAgo(31), status: "failed" },
      { jobName: busy, startedAt: daysAgo(29), status: "succeeded" },
      { jobName: busy, startedAt: daysAgo(1), status: "succeeded" },
      { jobName: rare, startedAt: daysAgo(90), status: "succeeded" },
      { jobName: rare, startedAt: daysAgo(60), status: "succeeded" },
    ]);
    const result = await run("report-retention");
    expect((result as { jobRunsDeleted: number }).jobRunsDeleted).toBeGreaterThanOrEqual(3);
    const left = await db
      .select({ jobName: jobRuns.jobName, startedAt: jobRuns.startedAt })
      .from(jobRuns)
      .where(inArray(jobRuns.jobName, [busy, rare]))
      .orderBy(jobRuns.jobName, jobRuns.startedAt);
    expect(left).toEqual([
      { jobName: busy, startedAt: daysAgo(29) },
      { jobName: busy, startedAt: daysAgo(1) },
      { jobName: rare, startedAt: daysAgo(60) },
    ]);
  });

  it("expires undelivered agent commands and skips the version check unless enabled", async () => {
    const host = await addContactedHost(0);
    await getDb()
      .insert(agentCommands)
      .values({ hostId: host.id, type: "report_now", expiresAt: new Date(Date.now() - 1000) });
    expect((await run("session-cleanup"))?.agentCommands).toBeGreaterThanOrEqual(1);
    const [command] = await getDb().select().from(agentCommands).where(eq(agentCommands.hostId, host.id));
    expect(command?.status).toBe("expired");
    expect(await run("version-check")).toEqual({ skipped: "version check disabled" });
  });

  it("leaves hosts that never reported pending, however old their last contact", async () => {
    const host = await addContactedHost(10_000);
    await getDb().update(hosts).set({ status: "pending" }).where(eq(hosts.id, host.id));
    await run("host-status-monitor");
    expect(await hostStatus(host.id)).toBe("pending");
    expect(await alertsOf(host.id)).toHaveLength(0);
  });

  it("raises reboot-required after N days and enrolment-token-expiring alerts, resolving them when cleared", async () => {
    const db = getDb();
    const host = await addContactedHost(0);
    await db.update(hosts).set({ needsReboot: true }).where(eq(hosts.id, host.id));
    await db.insert(alertHostStates).values({ hostId: host.id, rebootRequiredSince: daysAgo(5) });
    const [token] = await db
      .insert(enrolmentTokens)
      .values({
        name: `t-${tag()}`,
        tokenKey: `k-${tag()}`,
        // A hash-shaped value: other files check that no answer contains any stored hash.
        secretHash: randomBytes(32).toString("hex"),
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();
    await run("host-status-monitor");
    await run("host-status-monitor");
    expect((await alertsOf(host.id, "reboot_required")).map((a) => a.status)).toEqual(["open"]);
    const tokenAlerts = async () =>
      (await listAlerts({ type: "enrolment_token_expiring", pageSize: 200 })).rows.filter(
        (a) => a.metadata?.tokenId === token?.id,
      );
    expect(await tokenAlerts()).toHaveLength(1);

    await db.update(hosts).set({ needsReboot: false }).where(eq(hosts.id, host.id));
    await db
      .update(enrolmentTokens)
      .set({ expiresAt: new Date(Date.now() + 90 * 86_400_000) })
      .where(eq(enrolmentTokens.id, token?.id as string));
    await run("host-status-monitor");
    expect((await alertsOf(host.id, "reboot_required")).map((a) => a.status)).toEqual(["resolved"]);
    expect((await tokenAlerts()).map((a) => a.status)).toEqual(["resolved"]);
  });
});
