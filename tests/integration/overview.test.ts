// The dashboard's "Up to date" count: only active hosts with nothing to install whose last report
// did not fail. Other test files share the database, so every assertion is a delta.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb, observeQueries } from "@/db/client";
import { type FleetOverview, type FleetOverviewOptions, getFleetOverview } from "@/db/queries/overview";
import { hostGroupMemberships, hostGroups, hosts } from "@/db/schema";
import { useMigratedDatabase } from "../support/database";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

async function addHost(values: Partial<typeof hosts.$inferInsert>) {
  const [host] = await getDb()
    .insert(hosts)
    .values({ apiId: `patchmon_${hex(8)}`, apiKeyHash: hex(32), friendlyName: `host-${hex(3)}`, ...values })
    .returning({ id: hosts.id });
  if (!host) throw new Error("host insert failed");
  return host.id;
}

async function overviewInOneStatement(options: FleetOverviewOptions = {}): Promise<FleetOverview> {
  const statements: string[] = [];
  const stop = observeQueries((query) => statements.push(query));
  try {
    const overview = await getFleetOverview(options);
    expect(statements).toHaveLength(1);
    return overview;
  } finally {
    stop();
  }
}

function hostDeltas(
  before: FleetOverview,
  after: FleetOverview,
): Record<keyof FleetOverview["hosts"], number> {
  const keys = Object.keys(after.hosts) as (keyof FleetOverview["hosts"])[];
  return Object.fromEntries(keys.map((key) => [key, after.hosts[key] - before.hosts[key]])) as Record<
    keyof FleetOverview["hosts"],
    number
  >;
}

describe("fleet overview: up to date", () => {
  useMigratedDatabase();

  it("counts only active hosts with no updates whose last report did not fail", async () => {
    const before = await overviewInOneStatement();

    // Up to date.
    await addHost({ status: "active", updatesCount: 0, lastReportStatus: "success" });
    // Not up to date: the last collection failed, so the zero is not known to be true.
    await addHost({ status: "active", updatesCount: 0, lastReportStatus: "failed" });
    // Not up to date: out of contact.
    await addHost({ status: "stale", updatesCount: 0, lastReportStatus: "success" });
    await addHost({ status: "offline", updatesCount: 0, lastReportStatus: "success" });
    // Not up to date: never reported.
    await addHost({ status: "pending" });
    // Not up to date: has updates to install.
    await addHost({
      status: "active",
      updatesCount: 2,
      securityUpdatesCount: 1,
      lastReportStatus: "success",
    });

    const after = await overviewInOneStatement();

    expect(hostDeltas(before, after)).toEqual({
      total: 6,
      pending: 1,
      active: 3,
      stale: 1,
      offline: 1,
      staleOrOffline: 2,
      reporting: 5,
      upToDate: 1,
      needingUpdates: 1,
      withSecurityUpdates: 1,
      needingReboot: 0,
      reportFailed: 1,
    });
  });

  it("counts an active host whose last report is unchanged or unknown as up to date", async () => {
    const before = await overviewInOneStatement();
    await addHost({ status: "active", updatesCount: 0, lastReportStatus: "unchanged" });
    await addHost({ status: "active", updatesCount: 0, lastReportStatus: null });
    const after = await overviewInOneStatement();
    expect(after.hosts.upToDate - before.hosts.upToDate).toBe(2);
    expect(after.hosts.active - before.hosts.active).toBe(2);
  });

  it("stays one statement when scoped, and counts only the scope's hosts and groups", async () => {
    const [group] = await getDb()
      .insert(hostGroups)
      .values({ name: `overview-${hex(4)}` })
      .returning({ id: hostGroups.id });
    if (!group) throw new Error("group insert failed");
    const inside = await addHost({ status: "active", updatesCount: 1 });
    await addHost({ status: "active", updatesCount: 1 });
    await getDb().insert(hostGroupMemberships).values({ hostId: inside, hostGroupId: group.id });

    const scoped = await overviewInOneStatement({ scope: [group.id], countUsers: false });
    expect(scoped.hosts).toMatchObject({ total: 1, active: 1, needingUpdates: 1 });
    expect(scoped).toMatchObject({ hostGroups: 1, users: null });
    const nothing = await overviewInOneStatement({ scope: [] });
    expect(nothing.hosts.total).toBe(0);
    expect(nothing.hostGroups).toBe(0);
    expect(typeof nothing.users).toBe("number");
  });
});
