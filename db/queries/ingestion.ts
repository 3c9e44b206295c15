// Agent report ingestion: set-based statements whose number does not depend on the package count.
// Arrays travel as PostgreSQL array literals in one text parameter each (`$1::text[]`), which both
// postgres.js and PGlite pass through unchanged; unnest() turns them back into rows.
import { eq, type SQL, sql } from "drizzle-orm";
import { type Executor, executeRows } from "../client";
import { hosts, type NewHost, type NewReport, reports } from "../schema";
import { arrayLiteral, type ReportedRepository } from "./catalogue";
import { toDate } from "./report-host";

export type ReportedPackage = {
  name: string;
  currentVersion: string;
  availableVersion: string | null;
  needsUpdate: boolean;
  isSecurityUpdate: boolean | null;
};

export type PackageChanges = {
  total: number;
  updates: number;
  security: number;
  oldestSecurityPendingSince: Date | null;
  inserted: number;
  updated: number;
  deleted: number;
  /** A pending security update appeared, changed or went away. */
  securityChanged: boolean;
};

/** The reported rows joined to the catalogue: package_id, cv, av, nu, sec (db/queries/report-delta.ts too). */
export function incomingPackages(list: readonly ReportedPackage[], packageManager: string): SQL {
  return sql`
      select p.id as package_id, t.cv, t.av, t.nu, t.sec
      from unnest(${arrayLiteral(list.map((p) => p.name))}::text[],
                  ${arrayLiteral(list.map((p) => p.currentVersion))}::text[],
                  ${arrayLiteral(list.map((p) => p.availableVersion))}::text[],
                  ${arrayLiteral(list.map((p) => p.needsUpdate))}::boolean[],
                  ${arrayLiteral(list.map((p) => p.isSecurityUpdate))}::boolean[]) as t(name, cv, av, nu, sec)
      join packages p on p.name = t.name and p.package_manager = ${packageManager}`;
}

/**
 * A reported row `i` next to the stored one `e`, and its first_seen_at: kept while the same available
 * version stays pending, `now` when a different one appears, null when nothing is pending.
 */
export function mergedColumns(now: string): SQL {
  return sql`i.package_id, i.cv, i.av, i.nu, i.sec, e.ctid as old_ctid, e.package_id as old_id,
        e.current_version as old_cv, e.available_version as old_av, e.needs_update as old_nu,
        e.is_security_update as old_sec, e.first_seen_at as old_first_seen,
        case when not i.nu then null
             when e.needs_update and e.available_version is not distinct from i.av
                  and e.first_seen_at is not null then e.first_seen_at
             else ${now}::timestamptz end as first_seen`;
}

/**
 * Makes the host's package set exactly `list` in one statement: inserts new rows, updates only rows
 * whose versions or flags differ, deletes vanished ones; unchanged rows are not written. The
 * catalogue must already hold every (name, manager) pair (addMissingPackages).
 * first_seen_at: kept while the same available version stays pending, `now` when a different one
 * appears, null when nothing is pending. Data-modifying CTEs all see the snapshot from before the
 * statement, so the counts are computed from the merged rows rather than read back.
 *
 * Plan (benchmarked in bench/ingest-db.ts): the host's current rows are read once (one index range
 * scan) and full-joined with the reported ones by hash, instead of one index probe per reported row
 * plus an anti-join for the deletions; the few rows that changed or vanished are then written by
 * ctid, the address of the row version just read. That is safe because the whole statement runs on
 * one snapshot and every writer of a host's packages holds the host row lock (lockHostForReport).
 */
export async function replaceHostPackages(
  input: { hostId: string; packageManager: string; packages: readonly ReportedPackage[]; now: Date },
  tx: Executor,
): Promise<PackageChanges> {
  const { hostId, packageManager, packages: list } = input;
  const now = input.now.toISOString();
  const [row] = await executeRows<Record<string, unknown>>(
    tx,
    sql`
    with incoming as (${incomingPackages(list, packageManager)}),
    existing as (
      select ctid, package_id, current_version, available_version, needs_update, is_security_update, first_seen_at
      from host_packages where host_id = ${hostId}
    ),
    merged as (
      select ${mergedColumns(now)}
      from incoming i
      full join existing e on e.package_id = i.package_id
    ),
    deleted as (
      delete from host_packages hp
      using merged m
      where m.package_id is null and hp.ctid = m.old_ctid
      returning hp.needs_update and hp.is_security_update as security
    ),
    inserted as (
      insert into host_packages (host_id, package_id, current_version, available_version, needs_update,
                                 is_security_update, first_seen_at, updated_at)
      select ${hostId}, m.package_id, m.cv, m.av, m.nu, m.sec, m.first_seen, ${now}::timestamptz
      from merged m where m.old_id is null
      returning needs_update and is_security_update as security
    ),
    updated as (
      update host_packages hp
      set current_version = m.cv, available_version = m.av, needs_update = m.nu, is_security_update = m.sec,
          first_seen_at = m.first_seen, updated_at = ${now}::timestamptz
      from merged m
      where m.package_id is not null and m.old_id is not null
        and (m.old_cv, m.old_av, m.old_nu, m.old_sec, m.old_first_seen)
            is distinct from (m.cv, m.av, m.nu, m.sec, m.first_seen)
        and hp.ctid = m.old_ctid
      returning (m.nu and m.sec) or (m.old_nu and m.old_sec) as security
    )
    select (count(*) filter (where package_id is not null))::int as total,
           (count(*) filter (where nu))::int as updates,
           (count(*) filter (where nu and sec))::int as security,
           min(first_seen) filter (where nu and sec) as oldest_security,
           (select count(*) from inserted)::int as inserted,
           (select count(*) from updated)::int as updated,
           (select count(*) from deleted)::int as deleted,
           coalesce((select bool_or(security) from deleted), false)
             or coalesce((select bool_or(security) from inserted), false)
             or coalesce((select bool_or(security) from updated), false) as security_changed
    from merged`,
  );
  return {
    total: Number(row?.total ?? 0),
    updates: Number(row?.updates ?? 0),
    security: Number(row?.security ?? 0),
    oldestSecurityPendingSince: toDate(row?.oldest_security),
    inserted: Number(row?.inserted ?? 0),
    updated: Number(row?.updated ?? 0),
    deleted: Number(row?.deleted ?? 0),
    securityChanged: row?.security_changed === true,
  };
}

/** The reported repositories found in the catalogue, once each: repository_id, enabled. */
export function incomingRepositories(list: readonly ReportedRepository[]): SQL {
  return sql`
      select distinct on (r.id) r.id as repository_id, t.enabled
      from unnest(${arrayLiteral(list.map((r) => r.url))}::text[],
                  ${arrayLiteral(list.map((r) => r.distribution))}::text[],
                  ${arrayLiteral(list.map((r) => r.components))}::text[],
                  ${arrayLiteral(list.map((r) => r.repoType))}::text[],
                  ${arrayLiteral(list.map((r) => r.isEnabled))}::boolean[]) as t(url, distribution, components, repo_type, enabled)
      join repositories r on r.url = t.url and r.distribution = t.distribution
        and r.components = t.components and r.repo_type = t.repo_type
      order by r.id, t.enabled desc`;
}

/**
 * Makes the host's repositories exactly `list` (already in the catalogue) in one statement. Returns
 * how many of them the catalogue holds (all of them, unless one was removed since it was added).
 */
export async function replaceHostRepositories(
  input: { hostId: string; repositories: readonly ReportedRepository[]; now: Date },
  tx: Executor,
): Promise<number> {
  const { hostId, repositories: list } = input;
  const now = input.now.toISOString();
  const [row] = await executeRows<{ stored: number }>(
    tx,
    sql`
    with incoming as (${incomingRepositories(list)}),
    deleted as (
      delete from host_repositories hr
      where hr.host_id = ${hostId} and not exists (select 1 from incoming i where i.repository_id = hr.repository_id)
    ),
    upserted as (
      insert into host_repositories (host_id, repository_id, is_enabled, last_checked_at)
      select ${hostId}, repository_id, enabled, ${now}::timestamptz from incoming
      on conflict (host_id, repository_id)
      do update set is_enabled = excluded.is_enabled, last_checked_at = excluded.last_checked_at
      returning 1
    )
    select count(*)::int as stored from upserted`,
  );
  return Number(row?.stored ?? 0);
}

/**
 * Writes the host's facts, counts and report state (undefined fields are left alone) and the
 * report's history row, in one statement; moves packages_version on when the packages were written.
 */
export async function recordReport(
  hostId: string,
  values: Partial<NewHost>,
  history: NewReport,
  tx: Executor,
  options: { packagesWritten: boolean },
): Promise<void> {
  const set = options.packagesWritten
    ? { ...values, packagesVersion: sql`${hosts.packagesVersion} + 1` }
    : values;
  const update = tx.update(hosts).set(set).where(eq(hosts.id, hostId)).getSQL();
  await tx.execute(sql`with host as (${update}) ${tx.insert(reports).values(history).getSQL()}`);
}
