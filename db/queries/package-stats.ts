// Fleet-wide per-package counts from package_stats (see db/schema/packages.ts). Triggers on
// host_packages append every change to package_stat_deltas; a read adds the unfolded deltas to the
// folded counts, so the numbers are exact at any moment, not as of the last fold. Only for the whole
// fleet: a host-group scope or a host/group filter counts host_packages rows instead.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, executeRows, getDb } from "@/db/client";
import { escapeLike, type PackageListQuery, type PackageRow, type PackageSummary } from "./packages";

/**
 * Every package with its folded counts (ps) and the sum of its unfolded deltas (d). Driven by
 * packages, so a package whose counts are still only deltas is there too, and the name sort walks
 * the (name, package_manager) index and stops after the page.
 */
const PACKAGES_WITH_COUNTS = sql`packages p
  left join package_stats ps on ps.package_id = p.id
  left join (select package_id, sum(hosts)::int as hosts, sum(updates)::int as updates,
                    sum(security)::int as security
             from package_stat_deltas group by package_id) d on d.package_id = p.id`;
const HOSTS = sql`(coalesce(ps.hosts_count, 0) + coalesce(d.hosts, 0))`;
const UPDATES = sql`(coalesce(ps.updates_count, 0) + coalesce(d.updates, 0))`;
const SECURITY = sql`(coalesce(ps.security_count, 0) + coalesce(d.security, 0))`;
const SORT_COUNT = { hosts: HOSTS, updates: UPDATES, security: SECURITY };

function statsWhere(query: PackageListQuery): SQL {
  const parts: SQL[] = [sql`${HOSTS} > 0`];
  const search = query.search?.trim();
  if (search) parts.push(sql`p.name ilike ${`%${escapeLike(search)}%`}`);
  if (query.packageManager) parts.push(sql`p.package_manager = ${query.packageManager}`);
  if (query.security) parts.push(sql`${SECURITY} > 0`);
  else if (query.needsUpdate) parts.push(sql`${UPDATES} > 0`);
  return sql.join(parts, sql` and `);
}

/** One page of packages for the whole fleet (no scope, no host or group filter) and the total. */
export async function listPackagesPageFromStats(
  query: PackageListQuery,
  db: Executor = getDb(),
): Promise<{ rows: PackageRow[]; total: number }> {
  const where = statsWhere(query);
  const dir = sql.raw(query.order === "desc" ? "desc" : "asc");
  const order =
    query.sort === "name"
      ? sql`p.name ${dir}, p.package_manager ${dir}, p.id ${dir}`
      : sql`${SORT_COUNT[query.sort]} ${dir}, p.name asc, p.id asc`;
  const [rows, totals] = await Promise.all([
    executeRows<PackageRow>(
      db,
      sql`select p.id, p.name, p.package_manager as "packageManager", p.description,
        ${HOSTS}::int as "hostCount", ${UPDATES}::int as "updateCount", ${SECURITY}::int as "securityCount"
      from ${PACKAGES_WITH_COUNTS}
      where ${where}
      order by ${order}
      limit ${query.limit} offset ${query.offset}`,
    ),
    executeRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from ${PACKAGES_WITH_COUNTS} where ${where}`,
    ),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** One package with its fleet-wide counts: its package_stats row (by key) plus its unfolded deltas. */
export async function getPackageFromStats(
  id: string,
  db: Executor = getDb(),
): Promise<PackageSummary | undefined> {
  const [row] = await executeRows<PackageSummary>(
    db,
    sql`select p.id, p.name, p.package_manager as "packageManager", p.description, p.category,
        c.hosts as "hostCount", c.updates as "updateCount", c.security as "securityCount"
      from packages p cross join lateral (
        select coalesce(sum(hosts), 0)::int as hosts, coalesce(sum(updates), 0)::int as updates,
               coalesce(sum(security), 0)::int as security
        from (select hosts_count as hosts, updates_count as updates, security_count as security
              from package_stats where package_id = p.id
              union all
              select hosts, updates, security from package_stat_deltas where package_id = p.id) as parts
      ) c
      where p.id = ${id}::uuid`,
  );
  return row && row.hostCount > 0 ? row : undefined;
}

/** Fleet-wide: packages with a pending update on some host, and pending security rows in all. */
export const OUTDATED_PACKAGES_SQL = sql`(select count(*) from ${PACKAGES_WITH_COUNTS} where ${UPDATES} > 0)`;
export const SECURITY_UPDATES_SQL = sql`(select coalesce(sum(${SECURITY}), 0) from ${PACKAGES_WITH_COUNTS})`;

export type FoldResult = { deltas: number; packages: number };

/**
 * Moves up to `batchSize` delta rows into package_stats in one statement (so one transaction: a
 * reader sees them either as deltas or folded, never both or neither). Deltas appended by
 * transactions still open are not visible here and wait for the next fold. Deltas of packages
 * deleted since are dropped.
 */
export async function foldPackageStatDeltasBatch(
  batchSize: number,
  db: Executor = getDb(),
): Promise<FoldResult> {
  const [row] = await executeRows<FoldResult>(
    db,
    sql`with folded as (
        delete from package_stat_deltas
        where ctid = any(array(select ctid from package_stat_deltas limit ${batchSize}))
        returning package_id, hosts, updates, security
      ), sums as (
        select package_id, sum(hosts)::int as hosts, sum(updates)::int as updates,
               sum(security)::int as security, count(*)::int as n
        from folded group by package_id
      ), live as (
        -- A package being deleted (orphan clean-up) is waited for, then skipped: its deltas go with
        -- it instead of failing the foreign key of package_stats.
        select s.package_id, s.hosts, s.updates, s.security
        from sums s join packages p on p.id = s.package_id
        for key share of p
      ), upserted as (
        insert into package_stats as ps (package_id, hosts_count, updates_count, security_count, updated_at)
        select package_id, hosts, updates, security, now() from live
        on conflict (package_id) do update set
          hosts_count = ps.hosts_count + excluded.hosts_count,
          updates_count = ps.updates_count + excluded.updates_count,
          security_count = ps.security_count + excluded.security_count,
          updated_at = now()
        returning 1
      )
      select coalesce((select sum(n) from sums), 0)::int as deltas,
             (select count(*) from upserted)::int as packages`,
  );
  return { deltas: Number(row?.deltas ?? 0), packages: Number(row?.packages ?? 0) };
}

/**
 * Serialises the fold with the orphan clean-up of packages for the rest of the transaction. Without
 * it they deadlock: the fold locks package_stats rows, then checks their packages; the clean-up locks
 * packages, then its cascade deletes their package_stats rows.
 */
export async function lockPackageCatalogue(tx: Executor): Promise<void> {
  await executeRows(tx, sql`select pg_advisory_xact_lock(hashtext('package-catalogue'))`);
}

/** Folds every delta visible now, a batch per statement; the totals of all batches. */
export async function foldPackageStatDeltas(batchSize = 50_000, db: Executor = getDb()): Promise<FoldResult> {
  const total: FoldResult = { deltas: 0, packages: 0 };
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      await lockPackageCatalogue(tx);
      return foldPackageStatDeltasBatch(batchSize, tx);
    });
    total.deltas += batch.deltas;
    total.packages += batch.packages;
    if (batch.deltas < batchSize) return total;
  }
}
