// Host queries that serve users (the Hosts page and /api/v1/hosts): every one takes the caller's
// host-group scope and filters in SQL, so a host outside it is simply not there.
import {
  type AnyColumn,
  and,
  asc,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  isNotNull,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { HOST_STATUSES, hostGroupMemberships, hostGroups, hosts, type ReportStatus } from "@/db/schema";
import { hostScopeCondition } from "./host-scope";
import { type PublicHost, publicHostColumns } from "./hosts";

export type HostScope = readonly string[] | null;
export type HostGroupRef = { id: string; name: string; color: string };
export type ScopedHostRow = PublicHost & {
  needsReboot: boolean;
  lastReportStatus: ReportStatus | null;
  systemUptime: string | null;
  oldestSecurityPendingSince: Date | null;
  groups: HostGroupRef[];
};

export const HOST_SORTS = [
  "name",
  "status",
  "last_contact",
  "updates",
  "security_updates",
  "created",
  "hostname",
  "ip",
  "groups",
  "os",
  "agent_version",
  "reboot",
  "uptime",
  "oldest_security",
  "last_report",
] as const;
export type HostSort = (typeof HOST_SORTS)[number];

/** Host status as the list shows it: the freshness state, or a failing package report. */
export const HOST_LIST_STATUSES = [...HOST_STATUSES, "report_failed"] as const;
export type HostListStatus = (typeof HOST_LIST_STATUSES)[number];

export type HostListQuery = {
  scope: HostScope;
  search?: string;
  status?: HostListStatus;
  /** A host group id, or "ungrouped" for hosts in no group. */
  groupId?: string;
  osType?: string;
  needsUpdates?: boolean;
  security?: boolean;
  reboot?: boolean;
  /** Hosts that stopped reporting: stale or offline. */
  stale?: boolean;
  /** Only these hosts (an export of a selection). */
  ids?: readonly string[];
  sort?: HostSort;
  order?: "asc" | "desc";
  limit: number;
  offset: number;
};

// Sort keys are indexed columns of hosts where one exists (name, hostname, status, contact, counts,
// oldest security update); the rest are cheap per-row values. id breaks ties so pages never overlap.
const SORT_COLUMNS: Record<HostSort, AnyColumn | SQL> = {
  name: hosts.friendlyName,
  status: hosts.status,
  last_contact: hosts.lastContactAt,
  updates: hosts.updatesCount,
  security_updates: hosts.securityUpdatesCount,
  created: hosts.createdAt,
  hostname: hosts.hostname,
  ip: hosts.ip,
  groups: sql`(select min(g.name) from host_group_memberships m join host_groups g on g.id = m.host_group_id where m.host_id = "hosts"."id")`,
  os: sql`${hosts.osType} || ' ' || coalesce(${hosts.osVersion}, '')`,
  agent_version: hosts.agentVersion,
  reboot: hosts.needsReboot,
  uptime: hosts.systemUptime,
  oldest_security: hosts.oldestSecurityPendingSince,
  last_report: hosts.lastReportAt,
};

const scopedHostColumns = {
  ...publicHostColumns,
  needsReboot: hosts.needsReboot,
  lastReportStatus: hosts.lastReportStatus,
  systemUptime: hosts.systemUptime,
  oldestSecurityPendingSince: hosts.oldestSecurityPendingSince,
  // Qualified by hand: in a single-table select drizzle renders bare column names inside sql``,
  // which the subquery would resolve against its own tables.
  groups: sql<HostGroupRef[]>`coalesce((
    select json_agg(json_build_object('id', g.id, 'name', g.name, 'color', g.color) order by g.name)
    from host_group_memberships m join host_groups g on g.id = m.host_group_id
    where m.host_id = "hosts"."id"), '[]'::json)`,
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function listConditions(query: HostListQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [hostScopeCondition(query.scope)];
  const search = query.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    conditions.push(
      or(
        ilike(hosts.friendlyName, pattern),
        ilike(hosts.hostname, pattern),
        ilike(hosts.ip, pattern),
        ilike(hosts.apiId, pattern),
        ilike(hosts.osType, pattern),
        ilike(hosts.osVersion, pattern),
        ilike(hosts.notes, pattern),
      ),
    );
  }
  if (query.status === "report_failed") conditions.push(eq(hosts.lastReportStatus, "failed"));
  else if (query.status) conditions.push(eq(hosts.status, query.status));
  if (query.groupId === "ungrouped") {
    conditions.push(
      sql`not exists (select 1 from ${hostGroupMemberships} where ${hostGroupMemberships.hostId} = ${hosts.id})`,
    );
  } else if (query.groupId) {
    conditions.push(
      sql`exists (select 1 from ${hostGroupMemberships} where ${hostGroupMemberships.hostId} = ${hosts.id} and ${hostGroupMemberships.hostGroupId} = ${query.groupId})`,
    );
  }
  if (query.osType) conditions.push(eq(hosts.osType, query.osType));
  if (query.needsUpdates) conditions.push(gt(hosts.updatesCount, 0));
  if (query.security) conditions.push(gt(hosts.securityUpdatesCount, 0));
  if (query.reboot) conditions.push(eq(hosts.needsReboot, true));
  if (query.stale) conditions.push(inArray(hosts.status, ["stale", "offline"]));
  if (query.ids) conditions.push(query.ids.length > 0 ? inArray(hosts.id, [...query.ids]) : sql`false`);
  return and(...conditions);
}

/** One page of hosts in scope and the total matching: two statements whatever the page size. */
export async function listHostsPage(
  query: HostListQuery,
  db: Executor = getDb(),
): Promise<{ rows: ScopedHostRow[]; total: number }> {
  const where = listConditions(query);
  const column = SORT_COLUMNS[query.sort ?? "name"];
  // friendly_name is never null: a plain direction lets hosts_friendly_name_idx (friendly_name, id)
  // serve the default sort both ways and stop after the page.
  const nulls = (query.sort ?? "name") === "name" ? sql`` : sql` nulls last`;
  const direction = query.order === "desc" ? sql`desc${nulls}` : sql`asc${nulls}`;
  const order = [sql`${column} ${direction}`, query.order === "desc" ? desc(hosts.id) : asc(hosts.id)];
  // The page's ids first (sort, offset and limit over bare host rows), then the displayed columns,
  // groups included, for those rows only: a deep page does not build every skipped row's groups.
  const pageIds = db
    .select({ id: hosts.id })
    .from(hosts)
    .where(where)
    .orderBy(...order)
    .limit(query.limit)
    .offset(query.offset);
  const [rows, total] = await Promise.all([
    db
      .select(scopedHostColumns)
      .from(hosts)
      .where(inArray(hosts.id, pageIds))
      .orderBy(...order),
    db.$count(hosts, where),
  ]);
  return { rows, total };
}

/** A host by id, only when it lies inside `scope`. */
export async function getHostInScope(
  id: string,
  scope: HostScope,
  db: Executor = getDb(),
): Promise<ScopedHostRow | undefined> {
  const [row] = await db
    .select(scopedHostColumns)
    .from(hosts)
    .where(and(eq(hosts.id, id), hostScopeCondition(scope)))
    .limit(1);
  return row;
}

export type HostIdentity = { id: string; apiId: string; friendlyName: string };

/** Replaces the key hash of a host inside `scope`; undefined when there is no such host there. */
export async function setHostApiKeyHashInScope(
  id: string,
  apiKeyHash: string,
  scope: HostScope,
  db: Executor = getDb(),
): Promise<HostIdentity | undefined> {
  const [row] = await db
    .update(hosts)
    .set({ apiKeyHash, updatedAt: sql`now()` })
    .where(and(eq(hosts.id, id), hostScopeCondition(scope)))
    .returning({ id: hosts.id, apiId: hosts.apiId, friendlyName: hosts.friendlyName });
  return row;
}

/** Deletes a host inside `scope` (its packages, reports, commands and tokens cascade). */
export async function deleteHostInScope(
  id: string,
  scope: HostScope,
  db: Executor = getDb(),
): Promise<HostIdentity | undefined> {
  const [row] = await db
    .delete(hosts)
    .where(and(eq(hosts.id, id), hostScopeCondition(scope)))
    .returning({ id: hosts.id, apiId: hosts.apiId, friendlyName: hosts.friendlyName });
  return row;
}

/** The groups of these ids that exist. */
export async function getHostGroupsByIds(
  ids: readonly string[],
  db: Executor = getDb(),
): Promise<HostGroupRef[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: hostGroups.id, name: hostGroups.name, color: hostGroups.color })
    .from(hostGroups)
    .where(inArray(hostGroups.id, [...ids]));
}

/** The operating systems of the hosts in `scope`, for the OS filter (hosts_os_type_idx). */
export async function listHostOsTypes(scope: HostScope, db: Executor = getDb()): Promise<string[]> {
  const rows = await db
    .selectDistinct({ osType: hosts.osType })
    .from(hosts)
    .where(and(isNotNull(hosts.osType), hostScopeCondition(scope)))
    .orderBy(hosts.osType);
  return rows.flatMap((row) => (row.osType ? [row.osType] : []));
}
