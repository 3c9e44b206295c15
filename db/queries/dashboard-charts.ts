// Statements behind the dashboard's charts and recent reports, each within the viewer's host scope.
// None reads host_packages: the counts come from hosts, reports and report_daily_aggregates.
import { desc, eq, type SQL, sql } from "drizzle-orm";
import { type Executor, executeRows, getDb } from "../client";
import { hosts, type ReportStatus, reportDailyAggregates, reports } from "../schema";
import { hostScopeCondition, hostScopePredicate } from "./host-scope";

type Scope = readonly string[] | null;

export type OsCount = { osType: string | null; hosts: number };

/** Hosts per OS type (null: not reported yet), largest first. */
export async function countHostsByOs(scope: Scope, db: Executor = getDb()): Promise<OsCount[]> {
  return db
    .select({ osType: hosts.osType, hosts: sql<number>`count(*)::int`.mapWith(Number) })
    .from(hosts)
    .where(hostScopeCondition(scope))
    .groupBy(hosts.osType)
    .orderBy(sql`count(*) desc`, hosts.osType);
}

export type DailyReportPoint = {
  /** Calendar day (YYYY-MM-DD) in the server's time zone. */
  day: string;
  /** Hosts with at least one report that day. */
  hostsReporting: number;
  /** Sum over those hosts of the pending updates in each one's last report of the day. */
  updates: number;
  /** The same sum for security updates. */
  securityUpdates: number;
};

/**
 * One point per calendar day in [from, to] (both YYYY-MM-DD in `tz`). The definition, for every
 * day: the hosts in scope that reported that day, each counted once with its last report of the
 * day; the point sums their counts. A host that did not report that day adds nothing.
 *
 * Where the figures come from: a day the report-retention job has rolled up (it writes the fleet
 * row, host_id null, for every day it rolls up) is read from report_daily_aggregates, because its
 * reports may already be deleted; the fleet row as is for the whole fleet (it still counts hosts
 * deleted since), the per-host rows of the hosts in scope for a scoped viewer (the fleet row would
 * leak hosts outside the scope). The other days (today, and yesterday until the job has run) are
 * read from the report history, never scanned: a host whose last report falls on that day adds
 * the counts on its row (ingestion writes the host's counts and that report's row, with the same
 * counts, in one transaction); a host that reported after that day costs one probe of
 * reports_host_id_created_at_idx; a host whose last report is older did not report that day.
 */
export async function listDailyReportSeries(
  input: { scope: Scope; from: string; to: string; tz: string },
  db: Executor = getDb(),
): Promise<DailyReportPoint[]> {
  const { scope, from, to, tz } = input;
  const hostsInScope = hostScopePredicate(scope, hosts.id);
  const t = reportDailyAggregates;
  const rolledUpInScope: SQL =
    scope === null
      ? sql`select d.day, f.hosts_reporting as hosts, f.updates_count::bigint as updates,
              f.security_updates_count::bigint as security
            from days d join report_daily_aggregates f on f.host_id is null and f.day = d.day`
      : // Driven from the hosts in scope: one range probe of (host_id, day) per host.
        sql`select ${t.day} as day, count(*) as hosts, sum(${t.updatesCount}) as updates,
              sum(${t.securityUpdatesCount}) as security
            from ${hosts}
            join ${t} on ${t.hostId} = ${hosts.id} and ${t.day} >= ${from}::date and ${t.day} <= ${to}::date
            where ${hostsInScope} and ${t.day} in (select day from days where rolled_up)
            group by ${t.day}`;
  // The planner's estimate of the per-host probes is far above the real cost, and JIT compiling
  // the statement would take several times longer than running it: off for this statement only.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return executeRows<{ day: string; hosts: number; updates: number; security: number }>(
      tx,
      sql`with days as (
          select g::date as day,
            (g::date::timestamp at time zone ${tz}) as starts,
            ((g::date + 1)::timestamp at time zone ${tz}) as ends,
            exists (select 1 from report_daily_aggregates f where f.host_id is null and f.day = g::date)
              as rolled_up
          from generate_series(${from}::date, ${to}::date, interval '1 day') g
        ),
        rolled as (${rolledUpInScope}),
        live as (
          select d.day, count(*) as hosts,
            sum(case when ${hosts.lastReportAt} < d.ends then ${hosts.updatesCount} else l.updates_count end)
              as updates,
            sum(case when ${hosts.lastReportAt} < d.ends then ${hosts.securityUpdatesCount}
              else l.security_updates_count end) as security
          from days d
          cross join ${hosts}
          left join lateral (
            select r.updates_count, r.security_updates_count from reports r
            where ${hosts.lastReportAt} >= d.ends
              and r.host_id = ${hosts.id} and r.created_at >= d.starts and r.created_at < d.ends
            order by r.created_at desc limit 1
          ) l on true
          where not d.rolled_up and ${hostsInScope} and ${hosts.lastReportAt} >= d.starts
            and (${hosts.lastReportAt} < d.ends or l.updates_count is not null)
          group by d.day
        )
        select d.day::text as day,
          coalesce(rolled.hosts, live.hosts, 0)::int as hosts,
          coalesce(rolled.updates, live.updates, 0)::bigint as updates,
          coalesce(rolled.security, live.security, 0)::bigint as security
        from days d
        left join rolled on rolled.day = d.day
        left join live on live.day = d.day
        order by d.day`,
    );
  });
  return rows.map((row) => ({
    day: row.day,
    hostsReporting: Number(row.hosts),
    updates: Number(row.updates),
    securityUpdates: Number(row.security),
  }));
}

export type RecentReport = {
  id: string;
  hostId: string;
  hostName: string;
  createdAt: Date;
  status: ReportStatus;
  packagesCount: number;
  updatesCount: number;
  securityUpdatesCount: number;
  executionTimeMs: number | null;
  error: string | null;
};

/**
 * The latest `limit` reports of hosts in scope, newest first. The whole fleet: reports_created_at_idx
 * backwards, stopping after `limit`. A scope: those reports come from at most `limit` hosts, the ones
 * in scope that reported last (a host's last_report_at is its newest report's time), so only their
 * newest reports are read, whatever other hosts report meanwhile.
 */
export async function listRecentReports(
  input: { scope: Scope; limit: number },
  db: Executor = getDb(),
): Promise<RecentReport[]> {
  if (input.scope !== null) {
    const rows = await executeRows<Record<string, unknown>>(
      db,
      sql`select r.id, r.host_id, h.friendly_name, r.created_at, r.status, r.packages_count, r.updates_count,
                 r.security_updates_count, r.execution_time_ms, r.error
          from (select id, friendly_name from hosts
                where last_report_at is not null and ${hostScopePredicate(input.scope, hosts.id)}
                order by last_report_at desc limit ${input.limit}) h
          cross join lateral (select * from reports r where r.host_id = h.id
                              order by r.created_at desc, r.id desc limit ${input.limit}) r
          order by r.created_at desc, r.id desc
          limit ${input.limit}`,
    );
    return rows.map((row) => ({
      id: String(row.id),
      hostId: String(row.host_id),
      hostName: String(row.friendly_name),
      createdAt: new Date(row.created_at as string | Date),
      status: row.status as ReportStatus,
      packagesCount: Number(row.packages_count),
      updatesCount: Number(row.updates_count),
      securityUpdatesCount: Number(row.security_updates_count),
      executionTimeMs: row.execution_time_ms === null ? null : Number(row.execution_time_ms),
      error: row.error === null ? null : String(row.error),
    }));
  }
  return db
    .select({
      id: reports.id,
      hostId: reports.hostId,
      hostName: hosts.friendlyName,
      createdAt: reports.createdAt,
      status: reports.status,
      packagesCount: reports.packagesCount,
      updatesCount: reports.updatesCount,
      securityUpdatesCount: reports.securityUpdatesCount,
      executionTimeMs: reports.executionTimeMs,
      error: reports.error,
    })
    .from(reports)
    .innerJoin(hosts, eq(hosts.id, reports.hostId))
    .where(hostScopeCondition(input.scope, reports.hostId))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(input.limit);
}
