// Host queries that serve users (the Hosts page and /api/v1/hosts): every one takes the caller's
// host-group scope and filters in SQL, so a host outside it is simply not there.
import { type AnyColumn, and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { type HostStatus, hostGroupMemberships, hostGroups, hosts, type ReportStatus } from "@/db/schema";
import { hostScopeCondition } from "./host-scope";
import { type PublicHost, publicHostColumns } from "./hosts";

export type HostScope = readonly string[] | null;
export type HostGroupRef = { id: string; name: string };
export type ScopedHostRow = PublicHost & {
  needsReboot: boolean;
  lastReportStatus: ReportStatus | null;
  groups: HostGroupRef[];
};

export const HOST_SORTS = [
  "name",
  "status",
  "last_contact",
  "updates",
  "security_updates",
  "created",
] as const;
export type HostSort = (typeof HOST_SORTS)[number];

export type HostListQuery = {
  scope: HostScope;
  search?: string;
  status?: HostStatus;
  groupId?: string;
  sort?: HostSort;
  order?: "asc" | "desc";
  limit: number;
  offset: number;
};

// Every sort key is an indexed column of hosts; id breaks ties so pages never overlap.
const SORT_COLUMNS: Record<HostSort, AnyColumn> = {
  name: hosts.friendlyName,
  status: hosts.status,
  last_contact: hosts.lastContactAt,
  updates: hosts.updatesCount,
  security_updates: hosts.securityUpdatesCount,
  created: hosts.createdAt,
};

const scopedHostColumns = {
  ...publicHostColumns,
  needsReboot: hosts.needsReboot,
  lastReportStatus: hosts.lastReportStatus,
  // Qualified by hand: in a single-table select drizzle renders bare column names inside sql``,
  // which the subquery would resolve against its own tables.
  groups: sql<HostGroupRef[]>`coalesce((
    select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name)
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
      ),
    );
  }
  if (query.status) conditions.push(eq(hosts.status, query.status));
  if (query.groupId) {
    conditions.push(
      sql`exists (select 1 from ${hostGroupMemberships} where ${hostGroupMemberships.hostId} = ${hosts.id} and ${hostGroupMemberships.hostGroupId} = ${query.groupId})`,
    );
  }
  return and(...conditions);
}

/** One page of hosts in scope and the total matching: two statements whatever the page size. */
export async function listHostsPage(
  query: HostListQuery,
  db: Executor = getDb(),
): Promise<{ rows: ScopedHostRow[]; total: number }> {
  const where = listConditions(query);
  const column = SORT_COLUMNS[query.sort ?? "name"];
  const direction = query.order === "desc" ? sql`desc nulls last` : sql`asc nulls last`;
  const [rows, total] = await Promise.all([
    db
      .select(scopedHostColumns)
      .from(hosts)
      .where(where)
      .orderBy(sql`${column} ${direction}`, query.order === "desc" ? desc(hosts.id) : asc(hosts.id))
      .limit(query.limit)
      .offset(query.offset),
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
    .select({ id: hostGroups.id, name: hostGroups.name })
    .from(hostGroups)
    .where(inArray(hostGroups.id, [...ids]));
}
