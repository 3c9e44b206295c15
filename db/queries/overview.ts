import { type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { hostGroups, hostPackages, hosts, repositories, users } from "../schema";

export type FleetOverview = {
  hosts: {
    total: number;
    pending: number;
    active: number;
    stale: number;
    offline: number;
    /** stale + offline: hosts out of contact, whatever their last report said. */
    staleOrOffline: number;
    /** Every host that has reported at least once (status other than pending). */
    reporting: number;
    /**
     * Active hosts with no pending update whose last report did not fail. Stale, offline and pending
     * hosts, and hosts whose last collection failed, are never counted as up to date.
     */
    upToDate: number;
    needingUpdates: number;
    withSecurityUpdates: number;
    needingReboot: number;
    reportFailed: number;
  };
  /** Distinct packages with at least one host needing an update. */
  outdatedPackages: number;
  /** host_packages rows pending a security update (one per host and package). */
  securityUpdates: number;
  hostGroups: number;
  repositories: number;
  users: number;
};

// count(*) is bigint, which postgres.js returns as a string: cast in SQL, map to number in JS.
const int = (expression: SQL) => sql<number>`(${expression})::int`.mapWith(Number);

/** The dashboard's counts in one statement: FILTER aggregates over hosts plus scalar subqueries. */
export async function getFleetOverview(db: Executor = getDb()): Promise<FleetOverview> {
  const [row] = await db
    .select({
      total: int(sql`count(*)`),
      pending: int(sql`count(*) filter (where ${hosts.status} = 'pending')`),
      active: int(sql`count(*) filter (where ${hosts.status} = 'active')`),
      stale: int(sql`count(*) filter (where ${hosts.status} = 'stale')`),
      offline: int(sql`count(*) filter (where ${hosts.status} = 'offline')`),
      staleOrOffline: int(sql`count(*) filter (where ${hosts.status} in ('stale', 'offline'))`),
      reporting: int(sql`count(*) filter (where ${hosts.status} <> 'pending')`),
      upToDate: int(
        sql`count(*) filter (where ${hosts.status} = 'active' and ${hosts.updatesCount} = 0 and (${hosts.lastReportStatus} is null or ${hosts.lastReportStatus} <> 'failed'))`,
      ),
      needingUpdates: int(sql`count(*) filter (where ${hosts.updatesCount} > 0)`),
      withSecurityUpdates: int(sql`count(*) filter (where ${hosts.securityUpdatesCount} > 0)`),
      needingReboot: int(sql`count(*) filter (where ${hosts.needsReboot})`),
      reportFailed: int(sql`count(*) filter (where ${hosts.lastReportStatus} = 'failed')`),
      outdatedPackages: int(
        sql`(select count(distinct ${hostPackages.packageId}) from ${hostPackages} where ${hostPackages.needsUpdate})`,
      ),
      securityUpdates: int(
        sql`(select count(*) from ${hostPackages} where ${hostPackages.needsUpdate} and ${hostPackages.isSecurityUpdate})`,
      ),
      hostGroups: int(sql`(select count(*) from ${hostGroups})`),
      repositories: int(sql`(select count(*) from ${repositories})`),
      users: int(sql`(select count(*) from ${users})`),
    })
    .from(hosts);
  if (!row) throw new Error("fleet overview returned no row");
  const {
    outdatedPackages,
    securityUpdates,
    hostGroups: groups,
    repositories: repos,
    users: count,
    ...hostCounts
  } = row;
  return {
    hosts: hostCounts,
    outdatedPackages,
    securityUpdates,
    hostGroups: groups,
    repositories: repos,
    users: count,
  };
}
