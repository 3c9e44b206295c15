// The dashboard's chart data on real PostgreSQL: daily series from reports and from the daily
// roll-ups the retention job writes, recent reports and OS counts, each within the viewer's scope.
// The days are in 2001 so no other file's reports fall on them; everything made here is removed.
import { randomBytes } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, observeQueries } from "@/db/client";
import { countHostsByOs, listDailyReportSeries, listRecentReports } from "@/db/queries/dashboard-charts";
import { deleteReportsBeforeDay, upsertDailyAggregates } from "@/db/queries/reports";
import { hostGroupMemberships, hostGroups, hosts, reportDailyAggregates, reports } from "@/db/schema";
import { getDashboardCharts, parseChartRange } from "@/lib/dashboard/charts";
import { signedInUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { scopedRole, userWithScope } from "./host-scope-support";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const DAYS = [
  "2001-03-01",
  "2001-03-02",
  "2001-03-03",
  "2001-03-04",
  "2001-03-05",
  "2001-03-06",
  "2001-03-07",
];
const at = (iso: string) => new Date(iso);

type Made = { groups: { g1: string; g2: string }; h1: string; h2: string; h3: string; tag: string };
let made: Made;

async function addHost(name: string, groupId: string, osType: string) {
  const [host] = await getDb()
    .insert(hosts)
    .values({
      apiId: `patchmon_${hex(8)}`,
      apiKeyHash: hex(32),
      friendlyName: name,
      osType,
      status: "active",
    })
    .returning({ id: hosts.id });
  if (!host) throw new Error("host insert failed");
  await getDb().insert(hostGroupMemberships).values({ hostId: host.id, hostGroupId: groupId });
  return host.id;
}

/** A history row, and the host's row as ingestion leaves it when that report is its newest. */
async function report(hostId: string, createdAt: string, updates: number, security: number, extra = {}) {
  await getDb()
    .update(hosts)
    .set({ lastReportAt: at(createdAt), updatesCount: updates, securityUpdatesCount: security })
    .where(
      sql`${hosts.id} = ${hostId} and (${hosts.lastReportAt} is null or ${hosts.lastReportAt} < ${createdAt}::timestamptz)`,
    );
  await getDb()
    .insert(reports)
    .values({
      hostId,
      createdAt: at(createdAt),
      status: "success",
      packagesCount: 100,
      updatesCount: updates,
      securityUpdatesCount: security,
      ...extra,
    });
}

const series = (scope: readonly string[] | null, tz = "UTC") =>
  listDailyReportSeries({ scope, from: DAYS[0] as string, to: DAYS[6] as string, tz });

describe("dashboard charts", () => {
  useMigratedDatabase({ TZ: "UTC" });

  beforeAll(async () => {
    const tag = `charts${hex(4)}`;
    const groups = await getDb()
      .insert(hostGroups)
      .values([{ name: `${tag}-g1` }, { name: `${tag}-g2` }])
      .returning({ id: hostGroups.id, name: hostGroups.name });
    const g1 = groups.find((g) => g.name.endsWith("-g1"))?.id ?? "";
    const g2 = groups.find((g) => g.name.endsWith("-g2"))?.id ?? "";
    made = {
      tag,
      groups: { g1, g2 },
      h1: await addHost(`${tag}-h1`, g1, "ubuntu"),
      h2: await addHost(`${tag}-h2`, g1, "debian"),
      h3: await addHost(`${tag}-h3`, g2, "debian"),
    };
    const { h1, h2, h3 } = made;
    // Days 1 and 2: reported, then rolled up and deleted by the retention statements.
    await report(h1, "2001-03-01T08:00:00Z", 9, 9);
    await report(h1, "2001-03-01T20:00:00Z", 4, 1); // h1's last of day 1
    await report(h3, "2001-03-01T10:00:00Z", 7, 3);
    await report(h2, "2001-03-02T09:00:00Z", 2, 0);
    await report(h3, "2001-03-02T11:00:00Z", 6, 2);
    const rolled = await upsertDailyAggregates({
      beforeDay: "2001-03-03",
      recentFrom: "2001-03-03",
      today: "2001-03-03",
      tz: "UTC",
    });
    expect(rolled).toBeGreaterThanOrEqual(2);
    await deleteReportsBeforeDay({ beforeDay: "2001-03-03", tz: "UTC", batchSize: 10_000 });
    // Days 4 and 6 still in the report history; days 3, 5 and 7 without a report.
    await report(h1, "2001-03-04T06:00:00Z", 5, 2);
    await report(h1, "2001-03-04T18:00:00Z", 3, 1, { executionTimeMs: 1500 }); // h1's last of day 4
    await report(h3, "2001-03-04T12:00:00Z", 10, 4);
    await report(h2, "2001-03-04T23:30:00Z", 8, 8); // day 5 in Europe/Paris (UTC+1)
    await report(h2, "2001-03-06T07:00:00Z", 1, 0, { status: "failed", error: "apt lock held" });
  });

  afterAll(async () => {
    if (!made) return;
    const db = getDb();
    // Reports and per-host roll-ups go with their hosts; the fleet rows of the test days are ours.
    // (The groups stay: a test role refers to one.)
    await db.delete(hosts).where(inArray(hosts.id, [made.h1, made.h2, made.h3]));
    await db
      .delete(reportDailyAggregates)
      .where(sql`${reportDailyAggregates.hostId} is null and ${reportDailyAggregates.day} < '2001-12-31'`);
  });

  it("sums each host's last report of every day, rolled-up days from the fleet row, in one read", async () => {
    const statements: string[] = [];
    const stop = observeQueries((query) => statements.push(query));
    const points = await series(null).finally(stop);
    // One statement reads (the other only turns JIT compilation off for it).
    expect(statements.filter((query) => !/^set local/i.test(query))).toHaveLength(1);
    expect(points).toEqual([
      { day: "2001-03-01", hostsReporting: 2, updates: 11, securityUpdates: 4 },
      { day: "2001-03-02", hostsReporting: 2, updates: 8, securityUpdates: 2 },
      { day: "2001-03-03", hostsReporting: 0, updates: 0, securityUpdates: 0 },
      { day: "2001-03-04", hostsReporting: 3, updates: 21, securityUpdates: 13 },
      { day: "2001-03-05", hostsReporting: 0, updates: 0, securityUpdates: 0 },
      { day: "2001-03-06", hostsReporting: 1, updates: 1, securityUpdates: 0 },
      { day: "2001-03-07", hostsReporting: 0, updates: 0, securityUpdates: 0 },
    ]);
  });

  it("counts days in the given time zone", async () => {
    const points = await series(null, "Europe/Paris");
    // 23:30 UTC on the 4th is 00:30 on the 5th in Paris; the roll-ups keep the days they were made with.
    expect(points.find((p) => p.day === "2001-03-04")).toEqual({
      day: "2001-03-04",
      hostsReporting: 2,
      updates: 13,
      securityUpdates: 5,
    });
    expect(points.find((p) => p.day === "2001-03-05")).toEqual({
      day: "2001-03-05",
      hostsReporting: 1,
      updates: 8,
      securityUpdates: 8,
    });
  });

  it("a scoped viewer's series counts only its hosts, on rolled-up days too", async () => {
    const points = await series([made.groups.g1]);
    expect(points).toEqual([
      { day: "2001-03-01", hostsReporting: 1, updates: 4, securityUpdates: 1 },
      { day: "2001-03-02", hostsReporting: 1, updates: 2, securityUpdates: 0 },
      { day: "2001-03-03", hostsReporting: 0, updates: 0, securityUpdates: 0 },
      { day: "2001-03-04", hostsReporting: 2, updates: 11, securityUpdates: 9 },
      { day: "2001-03-05", hostsReporting: 0, updates: 0, securityUpdates: 0 },
      { day: "2001-03-06", hostsReporting: 1, updates: 1, securityUpdates: 0 },
      { day: "2001-03-07", hostsReporting: 0, updates: 0, securityUpdates: 0 },
    ]);
    expect((await series([])).every((p) => p.hostsReporting === 0 && p.updates === 0)).toBe(true);
  });

  it("lists recent reports newest first, only of hosts in scope", async () => {
    const recent = await listRecentReports({ scope: [made.groups.g1], limit: 3 });
    expect(recent.map((r) => [r.hostName, r.createdAt.toISOString(), r.status])).toEqual([
      [`${made.tag}-h2`, "2001-03-06T07:00:00.000Z", "failed"],
      [`${made.tag}-h2`, "2001-03-04T23:30:00.000Z", "success"],
      [`${made.tag}-h1`, "2001-03-04T18:00:00.000Z", "success"],
    ]);
    expect(recent[0]?.error).toBe("apt lock held");
    expect(recent[2]).toMatchObject({ updatesCount: 3, securityUpdatesCount: 1, executionTimeMs: 1500 });
    const g2 = await listRecentReports({ scope: [made.groups.g2], limit: 10 });
    expect(g2.map((r) => r.hostId)).toEqual([made.h3]);
  });

  it("counts hosts per OS within the scope", async () => {
    expect(await countHostsByOs([made.groups.g1, made.groups.g2])).toEqual([
      { osType: "debian", hosts: 2 },
      { osType: "ubuntu", hosts: 1 },
    ]);
    expect(await countHostsByOs([made.groups.g2])).toEqual([{ osType: "debian", hosts: 1 }]);
  });

  it("serves a scoped user only its hosts' numbers, and refuses a user without the dashboard", async () => {
    const role = await scopedRole([made.groups.g2]);
    const { actor } = await userWithScope(role);
    const charts = await getDashboardCharts(actor, 7, at("2001-03-07T12:00:00Z"));
    expect(charts.range).toBe(7);
    expect(charts.series.map((p) => p.day)).toEqual(DAYS);
    expect(charts.series.map((p) => p.updates)).toEqual([7, 6, 0, 10, 0, 0, 0]);
    expect(charts.os).toEqual([{ osType: "debian", hosts: 1 }]);
    expect(charts.recentReports?.map((r) => r.hostId)).toEqual([made.h3]);

    const { actor: noDashboard } = await signedInUser(await noDashboardRole());
    await expect(getDashboardCharts(noDashboard, 7)).rejects.toThrow();
  });

  it("points empty states at adding a host only for users who may add one", async () => {
    const { actor: admin } = await signedInUser("admin");
    const { actor: readonly } = await signedInUser("readonly");
    expect((await getDashboardCharts(admin, 7)).canAddHosts).toBe(true);
    expect((await getDashboardCharts(readonly, 7)).canAddHosts).toBe(false);
  });

  it("takes 7, 30 or 90 days from the URL and the default otherwise", () => {
    expect(parseChartRange("7")).toBe(7);
    expect(parseChartRange(["90"])).toBe(90);
    expect(parseChartRange("31")).toBe(30);
    expect(parseChartRange(undefined)).toBe(30);
  });
});

async function noDashboardRole(): Promise<string> {
  const { roles } = await import("@/db/schema");
  const name = `nodash ${hex(4)}`;
  await getDb().insert(roles).values({ name, canViewDashboard: false, canViewHosts: true });
  return name;
}
