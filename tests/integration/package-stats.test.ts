// package_stats + package_stat_deltas against the live count over host_packages, after every kind of
// write: first reports, re-reports with changes, host and bulk deletion, orphan cleanup, truncation,
// the fold job, and reports of different hosts committing side by side.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { executeRows, getDb } from "@/db/client";
import { deleteOrphanPackagesBatch } from "@/db/queries/maintenance";
import { packages } from "@/db/schema";
import { ingestReport } from "@/lib/agent/ingest";
import { deleteHostsFor } from "@/lib/hosts/bulk";
import { deleteHostFor } from "@/lib/hosts/service";
import { processors } from "@/workers/registry";
import { signedInUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { testDatabaseUrl } from "../support/services";
import { addHost, pkg, report } from "./ingestion-support";

/** Stored counts per package id, read straight from the tables: folded plus unfolded deltas. */
const CURRENT_PACKAGE_COUNTS = sql`(
  select package_id, sum(hosts)::int as host_count, sum(updates)::int as update_count,
         sum(security)::int as security_count
  from (select package_id, hosts_count as hosts, updates_count as updates, security_count as security
        from package_stats
        union all
        select package_id, hosts, updates, security from package_stat_deltas) as parts
  group by package_id)`;

type Mismatch = { id: string; live: string; stored: string };

/** Packages whose stored counts (folded + deltas) differ from a live group by over host_packages. */
async function mismatches(): Promise<Mismatch[]> {
  return executeRows<Mismatch>(
    getDb(),
    sql`select coalesce(l.package_id, c.package_id)::text as id,
        concat_ws('/', l.h, l.u, l.s) as live, concat_ws('/', c.host_count, c.update_count, c.security_count) as stored
      from (select package_id, count(*)::int as h, (count(*) filter (where needs_update))::int as u,
                   (count(*) filter (where needs_update and is_security_update))::int as s
            from host_packages group by package_id) l
      full join (select c.* from ${CURRENT_PACKAGE_COUNTS} c join packages p on p.id = c.package_id
                 where c.host_count <> 0 or c.update_count <> 0 or c.security_count <> 0) c
        on c.package_id = l.package_id
      where (l.h, l.u, l.s) is distinct from (c.host_count, c.update_count, c.security_count)`,
  );
}

async function deltaRows(): Promise<number> {
  const [row] = await executeRows<{ n: number }>(
    getDb(),
    sql`select count(*)::int as n from package_stat_deltas`,
  );
  return row?.n ?? 0;
}

async function statsOf(name: string) {
  const [row] = await executeRows<{ h: number; u: number; s: number; folded: number | null }>(
    getDb(),
    sql`select c.host_count as h, c.update_count as u, c.security_count as s, ps.hosts_count as folded
      from packages p join ${CURRENT_PACKAGE_COUNTS} c on c.package_id = p.id
      left join package_stats ps on ps.package_id = p.id
      where p.name = ${name}`,
  );
  return row;
}

const fold = (payload: unknown = {}) =>
  (processors["package-stats-fold"] as NonNullable<(typeof processors)[string]>)(payload, {
    trigger: "manual",
    jobName: "package-stats-fold",
  });

async function send(hostId: string, list: unknown[]) {
  await ingestReport({ hostId, report: report(list), payloadBytes: 100 });
}

describe("package statistics", () => {
  useMigratedDatabase({ REDIS_URL: undefined });

  it("keeps its pages half empty, so that the fold's updates stay on their page (migration 0011)", async () => {
    const [table] = await executeRows<{ options: string[] | null }>(
      getDb(),
      sql`select reloptions as options from pg_class where oid = 'package_stats'::regclass`,
    );
    expect(table?.options).toContain("fillfactor=50");
  });

  it("match the live counts after first reports and re-reports, before and after the fold", async () => {
    const t = randomBytes(4).toString("hex");
    const [one, two] = [await addHost(), await addHost()];
    const base = [pkg(`${t}-a`), pkg(`${t}-b`, { availableVersion: "1.1" }), pkg(`${t}-c`)];
    await send(one.id, base);
    await send(two.id, [...base, pkg(`${t}-d`, { availableVersion: "2", isSecurityUpdate: true })]);
    expect(await mismatches()).toEqual([]);
    expect(await statsOf(`${t}-b`)).toMatchObject({ h: 2, u: 2, s: 0 });
    expect(await statsOf(`${t}-d`)).toMatchObject({ h: 1, u: 1, s: 1 });
    expect(await deltaRows()).toBeGreaterThan(0);

    const folded = (await fold()) as { deltas: number; packages: number };
    expect(folded.deltas).toBeGreaterThan(0);
    expect(await deltaRows()).toBe(0);
    expect(await mismatches()).toEqual([]);
    expect(await statsOf(`${t}-b`)).toMatchObject({ h: 2, u: 2, s: 0, folded: 2 });

    // Re-report of host two: a gets a security update, b is upgraded, c removed, e added.
    await send(two.id, [
      pkg(`${t}-a`, { availableVersion: "1.2", isSecurityUpdate: true }),
      pkg(`${t}-b`, { currentVersion: "1.1" }),
      pkg(`${t}-d`, { availableVersion: "2", isSecurityUpdate: true }),
      pkg(`${t}-e`),
    ]);
    expect(await mismatches()).toEqual([]);
    expect(await statsOf(`${t}-a`)).toMatchObject({ h: 2, u: 1, s: 1, folded: 2 });
    expect(await statsOf(`${t}-b`)).toMatchObject({ h: 2, u: 1, s: 0 });
    expect(await statsOf(`${t}-c`)).toMatchObject({ h: 1, u: 0, s: 0 });
    // An unchanged re-report writes no row and so no delta.
    await fold();
    await send(one.id, base);
    expect(await deltaRows()).toBe(0);
    await fold({ batchSize: 1 });
    expect(await mismatches()).toEqual([]);
  });

  it("match after a host is deleted, a bulk delete, orphan cleanup and a truncation", async () => {
    const t = randomBytes(4).toString("hex");
    const hosts = [await addHost(), await addHost(), await addHost(), await addHost()];
    const list = [pkg(`${t}-x`, { availableVersion: "2", isSecurityUpdate: true }), pkg(`${t}-y`)];
    for (const host of hosts) await send(host.id, list);
    await fold();
    const { actor } = await signedInUser("admin");

    await deleteHostFor(actor, hosts[0]?.id ?? "");
    expect(await mismatches()).toEqual([]);
    expect(await statsOf(`${t}-x`)).toMatchObject({ h: 3, u: 3, s: 3, folded: 4 });

    await deleteHostsFor(actor, {
      hostIds: [hosts[1]?.id ?? "", hosts[2]?.id ?? ""],
      confirmation: "delete 2 hosts",
    });
    expect(await mismatches()).toEqual([]);
    expect(await statsOf(`${t}-x`)).toMatchObject({ h: 1, u: 1, s: 1 });

    await deleteHostFor(actor, hosts[3]?.id ?? "");
    await fold();
    expect(await statsOf(`${t}-y`)).toMatchObject({ h: 0, u: 0, s: 0, folded: 0 });
    // Orphan cleanup removes the packages; their statistics go with them.
    await getDb().execute(
      sql`update packages set created_at = now() - interval '2 days' where name like ${`${t}-%`}`,
    );
    await deleteOrphanPackagesBatch(10_000, new Date());
    expect(await statsOf(`${t}-y`)).toBeUndefined();
    const [left] = await executeRows<{ n: number }>(
      getDb(),
      sql`select count(*)::int as n from package_stats ps left join packages p on p.id = ps.package_id where p.id is null`,
    );
    expect(left?.n).toBe(0);
    expect(await mismatches()).toEqual([]);

    // TRUNCATE has no transition table; its own trigger zeroes everything (rolled back here).
    const rollback = new Error("rollback");
    await expect(
      getDb().transaction(async (tx) => {
        await tx.execute(sql`truncate host_packages`);
        const [row] = await executeRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from ${CURRENT_PACKAGE_COUNTS} c where c.host_count <> 0`,
        );
        expect(row?.n).toBe(0);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await mismatches()).toEqual([]);
  });

  it("drops deltas of packages deleted before the fold", async () => {
    const t = randomBytes(4).toString("hex");
    const host = await addHost();
    await send(host.id, [pkg(`${t}-gone`)]);
    await getDb().execute(sql`delete from packages where name = ${`${t}-gone`}`);
    expect(await deltaRows()).toBeGreaterThan(0);
    await fold();
    expect(await deltaRows()).toBe(0);
    expect(await mismatches()).toEqual([]);
  });

  it.skipIf(!testDatabaseUrl())(
    "reports of different hosts for the same package commit side by side, and the fold does not wait",
    async () => {
      const t = randomBytes(4).toString("hex");
      const [one, two] = [await addHost(), await addHost()];
      const [shared] = await getDb()
        .insert(packages)
        .values({ name: `${t}-shared`, packageManager: "apt" })
        .returning({ id: packages.id });
      const url = testDatabaseUrl() as string;
      const first = postgres(url, { max: 1, onnotice: () => {} });
      const second = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const row = (hostId: string) =>
          `insert into host_packages (host_id, package_id, current_version, needs_update)
           values ('${hostId}', '${shared?.id}', '1.0', true)`;
        // The first transaction stays open holding its delta row; the second must neither wait
        // (lock_timeout would fail it) nor conflict.
        const reserved = await first.reserve();
        await reserved.unsafe("begin");
        await reserved.unsafe(row(one.id));
        await second.begin(async (tx) => {
          await tx.unsafe("set local lock_timeout = '500ms'");
          await tx.unsafe(row(two.id));
        });
        // The fold neither waits for the open transaction (it would hang until the commit below)
        // nor takes its delta.
        let timer: NodeJS.Timeout | undefined;
        const hung = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("the fold waited for the open transaction")), 10_000);
        });
        await Promise.race([fold(), hung]).finally(() => clearTimeout(timer));
        expect(await statsOf(`${t}-shared`)).toMatchObject({ h: 1, u: 1, folded: 1 });
        await reserved.unsafe("commit");
        reserved.release();
        expect(await statsOf(`${t}-shared`)).toMatchObject({ h: 2, u: 2, folded: 1 });
        expect(await mismatches()).toEqual([]);
        await fold();
        expect(await statsOf(`${t}-shared`)).toMatchObject({ h: 2, u: 2, folded: 2 });
      } finally {
        await first.end();
        await second.end();
      }
    },
  );

  it.skipIf(!testDatabaseUrl())(
    "a fold that meets a package being deleted waits, then drops its deltas",
    async () => {
      const t = randomBytes(4).toString("hex");
      const host = await addHost();
      await send(host.id, [pkg(`${t}-doomed`), pkg(`${t}-kept`)]);
      await fold();
      // The host loses the package (a negative delta), and a clean-up deletes it without committing yet.
      await send(host.id, [pkg(`${t}-kept`)]);
      const cleanup = postgres(testDatabaseUrl() as string, { max: 1, onnotice: () => {} });
      try {
        const reserved = await cleanup.reserve();
        await reserved.unsafe("begin");
        await reserved.unsafe(`delete from packages where name = '${t}-doomed'`);
        let settled = false;
        const folding = fold().finally(() => {
          settled = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
        await reserved.unsafe("commit");
        reserved.release();
        await folding;
        expect(await deltaRows()).toBe(0);
        expect(await statsOf(`${t}-doomed`)).toBeUndefined();
        expect(await statsOf(`${t}-kept`)).toMatchObject({ h: 1, folded: 1 });
        expect(await mismatches()).toEqual([]);
      } finally {
        await cleanup.end();
      }
    },
  );
});
