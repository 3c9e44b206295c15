import { inArray, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { hostGroups, hostPackages, hostRepositories, hosts, packages, repositories, users } from "../schema";
import { hostScopeCondition, hostScopePredicate } from "./host-scope";
import { OUTDATED_PACKAGES_SQL, SECURITY_UPDATES_SQL } from "./package-stats";

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
  /** Groups in the scope (all groups for the whole fleet). */
  hostGroups: number;
  /** Whole fleet: every repository; scoped: those used by a host in scope. */
  repositories: number;
  /** Null when not asked for (the viewer may not see users). */
  users: number | null;
};

export type FleetOverviewOptions = {
  /** Host-group scope of the viewer; null (default) = the whole fleet. */
  scope?: readonly string[] | null;
  /** Whether to count users (default true). */
  countUsers?: boolean;
};

// count(*) is bigint, which postgres.js returns as a string: cast in SQL, map to number in JS.
const int = (expression: SQL) => sql<number>`(${expression})::int`.mapWith(Number);

function scopedCounts(scope: readonly string[] | null) {
  if (scope === null) {
    return {
      hostGroups: sql`(select count(*) from ${hostGroups})`,
      repositories: sql`(select count(*) from ${repositories})`,
    };
  }
  return {
    hostGroups: sql`(select count(*) from ${hostGroups} where ${inArray(hostGroups.id, [...scope])})`,
    repositories: sql`(select count(distinct ${hostRepositories.repositoryId}) from ${hostRepositories} where ${hostScopePredicate(scope, hostRepositories.hostId)})`,
  };
}

/**
 * Outdated packages and pending security rows. The whole fleet reads package_stats (and its
 * unfolded deltas); a scope counts its hosts' host_packages rows, one index probe per package for
 * the outdated ones (host_packages_pending_package_id_idx).
 */
function packageCountsIn(scope: readonly string[] | null) {
  if (scope === null) return { outdated: OUTDATED_PACKAGES_SQL, security: SECURITY_UPDATES_SQL };
  const packageScope = hostScopePredicate(scope, hostPackages.hostId);
  return {
    outdated: sql`(select count(*) from ${packages} where exists (select 1 from ${hostPackages} where ${hostPackages.packageId} = ${packages.id} and ${hostPackages.needsUpdate} and ${packageScope}))`,
    security: sql`(select count(*) from ${hostPackages} where ${hostPackages.needsUpdate} and ${hostPackages.isSecurityUpdate} and ${packageScope})`,
  };
}

/**
 * The dashboard's counts in one statement: FILTER aggregates over the hosts in scope plus scalar
 * subqueries, each restricted to the same scope.
 */
export async function getFleetOverview(
  { scope = null, countUsers = true }: FleetOverviewOptions = {},
  db: Executor = getDb(),
): Promise<FleetOverview> {
  const perScope = scopedCounts(scope);
  const packageCounts = packageCountsIn(scope);
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
      outdatedPackages: int(packageCounts.outdated),
      securityUpdates: int(packageCounts.security),
      hostGroups: int(perScope.hostGroups),
      repositories: int(perScope.repositories),
      users: countUsers ? int(sql`(select count(*) from ${users})`) : sql<null>`null`,
    })
    .from(hosts)
    .where(hostScopeCondition(scope));
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
