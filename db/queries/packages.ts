// Packages as users see them (Packages pages and CSV exports). host_packages is the big table
// (hosts x packages), so every statement reaches it through an index: per-package probes of
// host_packages_package_id_idx / the (host_id, package_id) key for the rows of one page, and the
// partial index on pending rows when a filter or sort is about updates. The host-group scope is a
// predicate on each host_packages row, so a scoped user's counts include only its hosts.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, executeRows, getDb } from "@/db/client";
import { getPackageFromStats, listPackagesPageFromStats } from "./package-stats";

export type Scope = readonly string[] | null;
export const PACKAGE_SORTS = ["name", "hosts", "updates", "security"] as const;
export type PackageSort = (typeof PACKAGE_SORTS)[number];

export type PackageFilter = {
  scope: Scope;
  search?: string;
  packageManager?: string;
  needsUpdate?: boolean;
  security?: boolean;
  hostId?: string;
  groupId?: string;
};
export type PackageListQuery = PackageFilter & {
  sort: PackageSort;
  order: "asc" | "desc";
  limit: number;
  offset: number;
};
export type PackageRow = {
  id: string;
  name: string;
  packageManager: string;
  description: string | null;
  hostCount: number;
  updateCount: number;
  securityCount: number;
};

/** Scope of a host_packages row aliased `alias` (membership primary-key probe). */
export function scopeOn(scope: Scope, hostIdColumn: string): SQL {
  if (scope === null) return sql`true`;
  if (scope.length === 0) return sql`false`;
  const ids = sql.join(
    scope.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return sql`exists (select 1 from host_group_memberships sm where sm.host_id = ${sql.raw(hostIdColumn)} and sm.host_group_id in (${ids}))`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Which host_packages rows count: in scope, and on the filtered host or group. */
function rowFilter(filter: PackageFilter): SQL {
  const parts: SQL[] = [scopeOn(filter.scope, "hp.host_id")];
  if (filter.hostId) parts.push(sql`hp.host_id = ${filter.hostId}::uuid`);
  if (filter.groupId) {
    parts.push(
      sql`exists (select 1 from host_group_memberships gm where gm.host_id = hp.host_id and gm.host_group_id = ${filter.groupId}::uuid)`,
    );
  }
  return sql.join(parts, sql` and `);
}

const PENDING = sql`hp.needs_update`;
const SECURITY = sql`hp.needs_update and hp.is_security_update`;

/** Conditions on `packages p`: a package is listed when at least one counted row has it. */
function packageWhere(filter: PackageFilter): SQL {
  const parts: SQL[] = [];
  const search = filter.search?.trim();
  if (search) parts.push(sql`p.name ilike ${`%${escapeLike(search)}%`}`);
  if (filter.packageManager) parts.push(sql`p.package_manager = ${filter.packageManager}`);
  const state = filter.security ? SECURITY : filter.needsUpdate ? PENDING : sql`true`;
  parts.push(
    sql`exists (select 1 from host_packages hp where hp.package_id = p.id and ${state} and ${rowFilter(filter)})`,
  );
  return sql.join(parts, sql` and `);
}

function countOf(filter: PackageFilter, state: SQL): SQL {
  // Security counts read the package's pending rows (host_packages_pending_package_id_idx) and
  // test is_security_update on them: a "needs_update and is_security_update" predicate would let
  // the planner AND in the whole security index (keyed by host) for every package of the page.
  if (state === SECURITY) {
    return sql`(select count(*) filter (where hp.is_security_update) from host_packages hp where hp.package_id = p.id and hp.needs_update and ${rowFilter(filter)})::int`;
  }
  return sql`(select count(*) from host_packages hp where hp.package_id = p.id and ${state} and ${rowFilter(filter)})::int`;
}

/** The sort key of the inner (page-choosing) query: only the chosen count is aggregated. */
function sortKey(query: PackageListQuery): SQL {
  switch (query.sort) {
    case "hosts":
      return countOf(query, sql`true`);
    case "updates":
      return countOf(query, PENDING);
    case "security":
      return countOf(query, SECURITY);
    default:
      return sql`null::int`;
  }
}

/**
 * One page of packages and the total. For the whole fleet the counts come from package_stats
 * (package-stats.ts). Otherwise (a scope, a host or a group) the inner query picks the page's ids (by name through the
 * (name, package_manager) unique index, or by the chosen count), and only those rows get their
 * three counts computed.
 */
export async function listPackagesPage(
  query: PackageListQuery,
  db: Executor = getDb(),
): Promise<{ rows: PackageRow[]; total: number }> {
  if (query.scope === null && !query.hostId && !query.groupId) return listPackagesPageFromStats(query, db);
  const where = packageWhere(query);
  const dir = sql.raw(query.order === "desc" ? "desc" : "asc");
  const order =
    query.sort === "name"
      ? sql`p.name ${dir}, p.package_manager ${dir}, p.id ${dir}`
      : sql`page.sort_key ${dir}, p.name asc, p.id asc`;
  const innerOrder =
    query.sort === "name"
      ? sql`p.name ${dir}, p.package_manager ${dir}, p.id ${dir}`
      : sql`sort_key ${dir}, p.name asc, p.id asc`;
  // The page's three counts in one pass over the counted rows of its packages (`= any` of the page's
  // ids: per host in scope, one probe of the (host_id, package_id) key for all of them), rather than
  // three correlated counts per package.
  const [rows, totals] = await Promise.all([
    executeRows<PackageRow>(
      db,
      sql`with page as (
          select p.id, ${sortKey(query)} as sort_key from packages p where ${where}
          order by ${innerOrder} limit ${query.limit} offset ${query.offset}
        ), counts as (
          select hp.package_id, count(*)::int as hosts,
                 (count(*) filter (where ${PENDING}))::int as updates,
                 (count(*) filter (where ${SECURITY}))::int as security
          from host_packages hp
          where hp.package_id = any(array(select id from page)) and ${rowFilter(query)}
          group by hp.package_id
        )
      select p.id, p.name, p.package_manager as "packageManager", p.description,
        coalesce(c.hosts, 0) as "hostCount", coalesce(c.updates, 0) as "updateCount",
        coalesce(c.security, 0) as "securityCount"
      from page join packages p on p.id = page.id
      left join counts c on c.package_id = p.id
      order by ${order}`,
    ),
    executeRows<{ total: number }>(db, sql`select count(*)::int as total from packages p where ${where}`),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/**
 * The package managers of the packages on the hosts in scope (the filter's choices). The whole
 * fleet: a loose scan of packages_package_manager_idx (one probe per distinct manager, a handful)
 * instead of reading every package. A scope: one row per host in it, since every
 * package of a host comes from the one manager its reports name (a report replaces the host's rows of
 * any other manager).
 */
export async function listPackageManagers(
  scope: readonly string[] | null = null,
  db: Executor = getDb(),
): Promise<string[]> {
  if (scope !== null) {
    const inScope = await executeRows<{ pm: string }>(
      db,
      sql`select distinct p.package_manager as pm
          from hosts h
          cross join lateral (select hp.package_id from host_packages hp where hp.host_id = h.id limit 1) first
          join packages p on p.id = first.package_id
          where ${scopeOn(scope, "h.id")}
          order by 1`,
    );
    return inScope.map((row) => row.pm);
  }
  const rows = await executeRows<{ pm: string }>(
    db,
    sql`with recursive managers(pm) as (
        (select package_manager from packages order by package_manager limit 1)
        union all
        select (select p.package_manager from packages p where p.package_manager > m.pm
                order by p.package_manager limit 1)
        from managers m where m.pm is not null
      )
      select pm from managers where pm is not null order by pm`,
  );
  return rows.map((row) => row.pm);
}

export type PackageSummary = {
  id: string;
  name: string;
  packageManager: string;
  description: string | null;
  category: string | null;
  hostCount: number;
  updateCount: number;
  securityCount: number;
};

/** A package with its counts over the hosts in scope; undefined when no host in scope has it. */
export async function getPackageInScope(
  id: string,
  scope: Scope,
  db: Executor = getDb(),
): Promise<PackageSummary | undefined> {
  if (scope === null) return getPackageFromStats(id, db);
  const filter = { scope };
  const [row] = await executeRows<PackageSummary>(
    db,
    sql`select p.id, p.name, p.package_manager as "packageManager", p.description, p.category,
      ${countOf(filter, sql`true`)} as "hostCount",
      ${countOf(filter, PENDING)} as "updateCount",
      ${countOf(filter, SECURITY)} as "securityCount"
    from packages p where p.id = ${id}::uuid`,
  );
  return row && row.hostCount > 0 ? row : undefined;
}

export type PackageHostRow = {
  hostId: string;
  friendlyName: string;
  hostname: string | null;
  osType: string | null;
  osVersion: string | null;
  status: string;
  currentVersion: string;
  availableVersion: string | null;
  needsUpdate: boolean;
  isSecurityUpdate: boolean | null;
  pendingSince: Date | string | null;
};

export type PackageHostQuery = {
  packageId: string;
  scope: Scope;
  needsUpdate?: boolean;
  security?: boolean;
  limit: number;
  offset: number;
};

/** The hosts in scope that have one package, pending security updates first, then pending, by name. */
export async function listPackageHostsPage(
  query: PackageHostQuery,
  db: Executor = getDb(),
): Promise<{ rows: PackageHostRow[]; total: number }> {
  const state = query.security ? SECURITY : query.needsUpdate ? PENDING : sql`true`;
  const where = sql`hp.package_id = ${query.packageId}::uuid and ${state} and ${scopeOn(query.scope, "hp.host_id")}`;
  const [rows, totals] = await Promise.all([
    executeRows<PackageHostRow>(
      db,
      sql`select h.id as "hostId", h.friendly_name as "friendlyName", h.hostname, h.os_type as "osType",
        h.os_version as "osVersion", h.status, hp.current_version as "currentVersion",
        hp.available_version as "availableVersion", hp.needs_update as "needsUpdate",
        hp.is_security_update as "isSecurityUpdate", hp.first_seen_at as "pendingSince"
      from host_packages hp join hosts h on h.id = hp.host_id
      where ${where}
      order by hp.needs_update desc, coalesce(hp.is_security_update, false) desc, h.friendly_name, h.id
      limit ${query.limit} offset ${query.offset}`,
    ),
    executeRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from host_packages hp where ${where}`,
    ),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

export type HostPackageExportRow = {
  name: string;
  packageManager: string;
  currentVersion: string;
  availableVersion: string | null;
  needsUpdate: boolean;
  isSecurityUpdate: boolean | null;
  pendingSince: Date | string | null;
};

/** One host's packages (its primary-key prefix), a chunk at a time for a streamed export. */
export async function listHostPackagesChunk(
  hostId: string,
  limit: number,
  offset: number,
  db: Executor = getDb(),
): Promise<HostPackageExportRow[]> {
  return executeRows<HostPackageExportRow>(
    db,
    sql`select p.name, p.package_manager as "packageManager", hp.current_version as "currentVersion",
      hp.available_version as "availableVersion", hp.needs_update as "needsUpdate",
      hp.is_security_update as "isSecurityUpdate", hp.first_seen_at as "pendingSince"
    from host_packages hp join packages p on p.id = hp.package_id
    where hp.host_id = ${hostId}::uuid
    order by hp.needs_update desc, coalesce(hp.is_security_update, false) desc, p.name, p.id
    limit ${limit} offset ${offset}`,
  );
}
