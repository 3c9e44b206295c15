// Repositories as users see them (Repositories pages and CSV export). Repositories are few (tens to
// hundreds) but host_repositories grows with the fleet, so per-repository counts are probes of
// host_repositories_repository_id_idx limited to the page's rows, filtered by the host-group scope.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, executeRows, getDb } from "@/db/client";
import type { RepoType } from "@/db/schema";
import { escapeLike, type Scope, scopeOn } from "./packages";

export const REPOSITORY_SORTS = ["name", "url", "hosts"] as const;
export type RepositorySort = (typeof REPOSITORY_SORTS)[number];

export type RepositoryFilter = {
  scope: Scope;
  search?: string;
  type?: RepoType;
  secure?: boolean;
  /** true: enabled on at least one host; false: disabled on every host that has it. */
  enabled?: boolean;
};
export type RepositoryListQuery = RepositoryFilter & {
  sort: RepositorySort;
  order: "asc" | "desc";
  limit: number;
  offset: number;
};
export type RepositoryRow = {
  id: string;
  name: string;
  url: string;
  distribution: string;
  components: string;
  repoType: RepoType;
  isSecure: boolean;
  hostCount: number;
  enabledHostCount: number;
};

function countOf(scope: Scope, state: SQL): SQL {
  return sql`(select count(*) from host_repositories hr where hr.repository_id = r.id and ${state} and ${scopeOn(scope, "hr.host_id")})::int`;
}

const columns = (scope: Scope) => sql`r.id, r.name, r.url, r.distribution, r.components,
  r.repo_type as "repoType", r.is_secure as "isSecure",
  ${countOf(scope, sql`true`)} as "hostCount",
  ${countOf(scope, sql`hr.is_enabled`)} as "enabledHostCount"`;

function used(scope: Scope, state: SQL): SQL {
  return sql`exists (select 1 from host_repositories hr where hr.repository_id = r.id and ${state} and ${scopeOn(scope, "hr.host_id")})`;
}

/** A repository is listed when a host in scope uses it. */
function repositoryWhere(filter: RepositoryFilter): SQL {
  const parts: SQL[] = [used(filter.scope, sql`true`)];
  const search = filter.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    parts.push(
      sql`(r.name ilike ${pattern} or r.url ilike ${pattern} or r.distribution ilike ${pattern} or r.components ilike ${pattern})`,
    );
  }
  if (filter.type) parts.push(sql`r.repo_type = ${filter.type}`);
  if (filter.secure !== undefined) parts.push(sql`r.is_secure = ${filter.secure}`);
  if (filter.enabled === true) parts.push(used(filter.scope, sql`hr.is_enabled`));
  if (filter.enabled === false) parts.push(sql`not ${used(filter.scope, sql`hr.is_enabled`)}`);
  return sql.join(parts, sql` and `);
}

export async function listRepositoriesPage(
  query: RepositoryListQuery,
  db: Executor = getDb(),
): Promise<{ rows: RepositoryRow[]; total: number }> {
  const where = repositoryWhere(query);
  const dir = sql.raw(query.order === "desc" ? "desc" : "asc");
  const key = query.sort === "hosts" ? countOf(query.scope, sql`true`) : sql.raw(`r.${query.sort}`);
  const [rows, totals] = await Promise.all([
    executeRows<RepositoryRow>(
      db,
      sql`select ${columns(query.scope)} from repositories r where ${where}
        order by ${key} ${dir}, r.url asc, r.id asc limit ${query.limit} offset ${query.offset}`,
    ),
    executeRows<{ total: number }>(db, sql`select count(*)::int as total from repositories r where ${where}`),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** A repository used by a host in scope, with its counts; undefined otherwise. */
export async function getRepositoryInScope(
  id: string,
  scope: Scope,
  db: Executor = getDb(),
): Promise<(RepositoryRow & { createdAt: Date | string }) | undefined> {
  const [row] = await executeRows<RepositoryRow & { createdAt: Date | string }>(
    db,
    sql`select ${columns(scope)}, r.created_at as "createdAt" from repositories r
      where r.id = ${id}::uuid and ${used(scope, sql`true`)}`,
  );
  return row;
}

export type RepositoryHostRow = {
  hostId: string;
  friendlyName: string;
  hostname: string | null;
  osType: string | null;
  osVersion: string | null;
  status: string;
  isEnabled: boolean;
  lastCheckedAt: Date | string;
};

/** The hosts in scope using one repository, by name. */
export async function listRepositoryHostsPage(
  query: { repositoryId: string; scope: Scope; limit: number; offset: number },
  db: Executor = getDb(),
): Promise<{ rows: RepositoryHostRow[]; total: number }> {
  const where = sql`hr.repository_id = ${query.repositoryId}::uuid and ${scopeOn(query.scope, "hr.host_id")}`;
  const [rows, totals] = await Promise.all([
    executeRows<RepositoryHostRow>(
      db,
      sql`select h.id as "hostId", h.friendly_name as "friendlyName", h.hostname, h.os_type as "osType",
        h.os_version as "osVersion", h.status, hr.is_enabled as "isEnabled", hr.last_checked_at as "lastCheckedAt"
      from host_repositories hr join hosts h on h.id = hr.host_id
      where ${where} order by h.friendly_name, h.id limit ${query.limit} offset ${query.offset}`,
    ),
    executeRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from host_repositories hr where ${where}`,
    ),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
