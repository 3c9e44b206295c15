// A full report that the host's package digest settles (lib/agent/package-digest.ts), applied in
// ONE statement without an explicit transaction: the changed package rows, the repositories, the
// host's facts and counts and the history row. Each round trip costs both processes CPU (the
// server's ~0.5 ms per statement is most of what a report costs once its rows are few), and this
// replaces BEGIN, lock, write, repositories, record and COMMIT.
//
// Safety without a lock held across statements: the host row is updated only if its
// packages_version is still the one read with the digest the plan was made from (compare-and-set on
// a counter, never on the digest itself: a list can change and change back, a counter cannot), and
// so are the facts the caller's decisions used (status, last report status, reboot flag, agent
// version, applied update interval), and the plan's counts hold (every changed row is in the
// catalogue; the stored rows the report did not match are exactly the old states of its changed
// rows, i.e. nothing vanished). Every other write joins that update, so either all of the
// statement's writes happen or none does. Every writer of a host's packages moves packages_version
// on (both ingestion paths, the package-delete trigger), and a concurrent report holds the host row
// until it commits, after which PostgreSQL re-checks the WHERE clause against the committed row: a
// snapshot that might be stale never writes. When nothing was applied the caller runs the
// transactional path (lib/agent/ingest.ts), which locks the host and compares the whole list.
import { and, eq, type SQL, sql } from "drizzle-orm";
import { type Executor, executeRows, getDb } from "../client";
import { hosts, type NewHost, type NewReport } from "../schema";
import type { ReportedRepository } from "./catalogue";
import { incomingPackages, incomingRepositories, mergedColumns, type ReportedPackage } from "./ingestion";
import type { ReportHost } from "./report-host";

export type ReportDelta = {
  hostId: string;
  packageManager: string;
  /** The reported rows the digest does not hold: new or changed. */
  changed: readonly ReportedPackage[];
  /** Stored rows no reported row matched (lib/agent/package-digest.ts DigestPlan). */
  unmatchedStored: number;
  /** What the plan and the caller's decisions were made from (readHostForReport). */
  expected: Pick<
    ReportHost,
    | "packagesVersion"
    | "status"
    | "lastReportStatus"
    | "needsReboot"
    | "agentVersion"
    | "updateIntervalApplied"
  >;
  /** The digest of the report's list; undefined when it equals the stored one (nothing changed). */
  digest?: string;
  /** Replaced too when present (distinct ones: the catalogue holds each once). */
  repositories?: readonly ReportedRepository[];
  distinctRepositories?: number;
  host: Partial<NewHost>;
  history: NewReport;
  now: Date;
};

export type ReportDeltaResult =
  | { applied: false }
  | { applied: true; securityChanged: boolean; inserted: number; updated: number };

function repositoryCtes(input: ReportDelta): { ctes: SQL; check: SQL; writes: SQL } {
  const list = input.repositories;
  if (!list) return { ctes: sql``, check: sql``, writes: sql`` };
  const now = input.now.toISOString();
  return {
    ctes: sql`
    incoming_repositories as (${incomingRepositories(list)}),`,
    check: sql` and (select count(*) from incoming_repositories) = ${input.distinctRepositories ?? list.length}::int`,
    writes: sql`,
    repositories_deleted as (
      delete from host_repositories hr
      using host
      where hr.host_id = ${input.hostId}
        and not exists (select 1 from incoming_repositories i where i.repository_id = hr.repository_id)
    ),
    repositories_upserted as (
      insert into host_repositories (host_id, repository_id, is_enabled, last_checked_at)
      select ${input.hostId}::uuid, i.repository_id, i.enabled, ${now}::timestamptz
      from incoming_repositories i, host
      on conflict (host_id, repository_id)
      do update set is_enabled = excluded.is_enabled, last_checked_at = excluded.last_checked_at
    )`,
  };
}

export async function applyReportDelta(
  input: ReportDelta,
  db: Executor = getDb(),
): Promise<ReportDeltaResult> {
  const { hostId, changed: list, history } = input;
  const now = input.now.toISOString();
  const repositories = repositoryCtes(input);
  const { expected } = input;
  const written = list.length > 0;
  const update = db
    .update(hosts)
    .set({
      ...input.host,
      ...(input.digest === undefined ? {} : { packageDigest: input.digest }),
      ...(written ? { packagesVersion: sql`${hosts.packagesVersion} + 1` } : {}),
      oldestSecurityPendingSince: sql`least(
        (select min(m.first_seen) from merged m where m.nu and m.sec),
        (select min(hp.first_seen_at) from host_packages hp
         where hp.host_id = ${hostId} and hp.needs_update and hp.is_security_update
           and not exists (select 1 from merged m where m.old_id = hp.package_id)))`,
    })
    .where(
      and(
        eq(hosts.id, hostId),
        eq(hosts.packagesVersion, expected.packagesVersion),
        sql`${hosts.status} = ${expected.status}`,
        sql`${hosts.lastReportStatus} is not distinct from ${expected.lastReportStatus}`,
        eq(hosts.needsReboot, expected.needsReboot),
        sql`${hosts.agentVersion} is not distinct from ${expected.agentVersion}`,
        sql`${hosts.updateIntervalApplied} is not distinct from ${expected.updateIntervalApplied}`,
        sql`(select ok from plan_holds)`,
      ),
    )
    .returning({ id: hosts.id })
    .getSQL();
  const [row] = await executeRows<Record<string, unknown>>(
    db,
    sql`
    with incoming as (${incomingPackages(list, input.packageManager)}),
    merged as (
      select ${mergedColumns(now)}
      from incoming i
      left join host_packages e on e.host_id = ${hostId} and e.package_id = i.package_id
    ),
    ${repositories.ctes}
    plan_holds as (
      select (select count(*) from incoming) = ${list.length}::int
         and (select count(*) from merged where old_id is not null) = ${input.unmatchedStored}::int
         ${repositories.check} as ok
    ),
    host as (${update}),
    inserted as (
      insert into host_packages (host_id, package_id, current_version, available_version, needs_update,
                                 is_security_update, first_seen_at, updated_at)
      select ${hostId}::uuid, m.package_id, m.cv, m.av, m.nu, m.sec, m.first_seen, ${now}::timestamptz
      from merged m, host
      where m.old_id is null
      returning needs_update and is_security_update as security
    ),
    updated as (
      update host_packages hp
      set current_version = m.cv, available_version = m.av, needs_update = m.nu, is_security_update = m.sec,
          first_seen_at = m.first_seen, updated_at = ${now}::timestamptz
      from merged m, host
      where m.old_id is not null
        and (m.old_cv, m.old_av, m.old_nu, m.old_sec, m.old_first_seen)
            is distinct from (m.cv, m.av, m.nu, m.sec, m.first_seen)
        and hp.ctid = m.old_ctid
      returning (m.nu and m.sec) or (m.old_nu and m.old_sec) as security
    )${repositories.writes},
    history as (
      insert into reports (host_id, created_at, status, packages_count, updates_count, security_updates_count,
                           payload_bytes, execution_time_ms, agent_version, error)
      select ${hostId}::uuid, ${(history.createdAt ?? input.now).toISOString()}::timestamptz,
             ${history.status}::report_status, ${history.packagesCount ?? 0}::int, ${history.updatesCount ?? 0}::int,
             ${history.securityUpdatesCount ?? 0}::int, ${history.payloadBytes ?? null}::int,
             ${history.executionTimeMs ?? null}::int, ${history.agentVersion ?? null}::text, ${history.error ?? null}::text
      from host
    )
    select (select count(*) from host)::int as applied,
           (select count(*) from inserted)::int as inserted,
           (select count(*) from updated)::int as updated,
           coalesce((select bool_or(security) from inserted), false)
             or coalesce((select bool_or(security) from updated), false) as security_changed,
           set_config('synchronous_commit', 'off', true) as asynchronous_commit`,
  );
  if (Number(row?.applied ?? 0) !== 1) return { applied: false };
  return {
    applied: true,
    securityChanged: row?.security_changed === true,
    inserted: Number(row?.inserted ?? 0),
    updated: Number(row?.updated ?? 0),
  };
}
