// Report history retention: daily roll-ups first, then deletion of whole days past retention.
import { sql } from "drizzle-orm";
import { type Executor, executeRows, getDb } from "@/db/client";
import { arrayLiteral } from "./catalogue";

/**
 * Upserts the per-host and fleet-wide daily aggregates of the days before `beforeDay` (all of which
 * are about to be deleted) and of [recentFrom, today) so charts stay current. Days are calendar
 * days in `tz`. Per-host rows hold that day's last report's counts; the fleet row sums them.
 */
export async function upsertDailyAggregates(
  input: { beforeDay: string; recentFrom: string; today: string; tz: string },
  db: Executor = getDb(),
): Promise<number> {
  const day = sql`(r.created_at at time zone ${input.tz})::date`;
  const rows = await executeRows<{ day: string }>(
    db,
    sql`with upserted as (
          insert into report_daily_aggregates as a
            (day, host_id, reports_count, failed_reports_count, hosts_reporting, packages_count,
             updates_count, security_updates_count, updated_at)
          select ${day}, r.host_id, count(*), count(*) filter (where r.status = 'failed'), 1,
            (array_agg(r.packages_count order by r.created_at desc))[1],
            (array_agg(r.updates_count order by r.created_at desc))[1],
            (array_agg(r.security_updates_count order by r.created_at desc))[1],
            now()
          from reports r
          where ${day} < ${input.beforeDay}::date
             or (${day} >= ${input.recentFrom}::date and ${day} < ${input.today}::date)
          group by 1, 2
          on conflict (day, host_id) do update set
            reports_count = excluded.reports_count,
            failed_reports_count = excluded.failed_reports_count,
            packages_count = excluded.packages_count,
            updates_count = excluded.updates_count,
            security_updates_count = excluded.security_updates_count,
            updated_at = now()
          returning a.day
        )
        select distinct day::text as day from upserted`,
  );
  const days = rows.map((row) => row.day);
  if (days.length > 0) await upsertFleetDailyAggregates(days, db);
  return days.length;
}

/** The fleet-wide row (host_id null) of each day, summed from the per-host rows. */
async function upsertFleetDailyAggregates(days: string[], db: Executor): Promise<void> {
  await db.execute(
    sql`insert into report_daily_aggregates as a
          (day, host_id, reports_count, failed_reports_count, hosts_reporting, packages_count,
           updates_count, security_updates_count, updated_at)
        select x.day, null, sum(x.reports_count), sum(x.failed_reports_count), count(*),
          sum(x.packages_count), sum(x.updates_count), sum(x.security_updates_count), now()
        from report_daily_aggregates x
        where x.host_id is not null and x.day = any(${arrayLiteral(days)}::date[])
        group by x.day
        on conflict (day, host_id) do update set
          reports_count = excluded.reports_count,
          failed_reports_count = excluded.failed_reports_count,
          hosts_reporting = excluded.hosts_reporting,
          packages_count = excluded.packages_count,
          updates_count = excluded.updates_count,
          security_updates_count = excluded.security_updates_count,
          updated_at = now()`,
  );
}

/** Deletes up to `batchSize` reports from days before `beforeDay` (in `tz`); returns how many. */
export async function deleteReportsBeforeDay(
  input: { beforeDay: string; tz: string; batchSize: number },
  db: Executor = getDb(),
): Promise<number> {
  const rows = await executeRows<{ count: number }>(
    db,
    sql`with doomed as (
          select id from reports
          where created_at < (${input.beforeDay}::date::timestamp at time zone ${input.tz})
          limit ${input.batchSize}
        ), deleted as (delete from reports where id in (select id from doomed) returning 1)
        select count(*)::int as count from deleted`,
  );
  return Number(rows[0]?.count ?? 0);
}
