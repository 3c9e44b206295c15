// Server-side data work of the fleet pages against a seeded database (a script, not a test):
//   npx tsx bench/seed-fleet.ts --database-url postgres://postgres@127.0.0.1:5432/patchmon_fleet
//   npx tsx bench/pages.ts --database-url postgres://postgres@127.0.0.1:5432/patchmon_fleet [--runs 30]
// Signs in an administrator and a user whose role is scoped to one host group (user, role and
// session rows, loaded with lib/auth/actor.ts loadActor as a request would), then times the service
// calls each page makes, with the same arguments and the same Promise.all as the page: wall clock in
// this process, --runs runs after 3 warm-ups, one page at a time (a page stops after
// --budget-seconds, 60, once it has 5 runs). React rendering, HTTP and the session lookup are not
// included. Afterwards every SELECT the pages sent is run once more under EXPLAIN (ANALYZE,
// BUFFERS); the three slowest plans of each user are printed and any sequential scan of
// host_packages is flagged. The database is left as it was (the benchmark's users and role are deleted at the end).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { configureDatabase, intOption, machineLine, parseArgs, percentile } from "./support/cli";

const options = parseArgs(process.argv.slice(2));
const databaseUrl = options.get("database-url") ?? "postgres://postgres@127.0.0.1:5432/patchmon_fleet";
const RUNS = Math.max(1, intOption(options, "runs", 30));
const WARMUPS = 3;
// A page slower than this stops early (after at least 5 runs), so a slow page cannot stall the run.
const BUDGET_MS = 1000 * intOption(options, "budget-seconds", 60);
configureDatabase(databaseUrl);

type Captured = { page: string; query: string; params: unknown[] };

async function main() {
  const { getDb, getDbHandle, observeQueries, closeDb } = await import("@/db/client");
  try {
    const { hostGroups, roleHostGroups, roles, sessions, users } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const { loadActor } = await import("@/lib/auth/actor");
    const { getFleetOverview } = await import("@/lib/overview");
    const { listHostsFor } = await import("@/lib/hosts/service");
    const { hostGroupChoicesFor, hostOsTypesFor } = await import("@/lib/hosts/list-options");
    const { getHostDetailFor, listHostPackagesFor } = await import("@/lib/hosts/detail");
    const { listPackagesFor, listPackageManagersFor, getPackageFor, listPackageHostsFor } = await import(
      "@/lib/packages/service"
    );
    const { listHostGroupsFor } = await import("@/lib/host-groups/service");
    const { listRepositoriesFor } = await import("@/lib/repositories/service");
    const sql = getDbHandle().postgres;
    if (!sql) throw new Error("bench/pages needs PostgreSQL");
    const db = getDb();

    // An administrator with a live session, loaded the way a request loads it.
    const [role] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, "admin"));
    if (!role) throw new Error("no admin role: is the database migrated and seeded?");
    const username = `bench-admin-${randomUUID().slice(0, 8)}`;
    const [user] = await db
      .insert(users)
      .values({ username, email: `${username}@example.com`, emailTrusted: true, roleId: role.id })
      .returning({ id: users.id });
    if (!user) throw new Error("user insert failed");
    const [session] = await db
      .insert(sessions)
      .values({ userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), tfaVerified: true })
      .returning({ id: sessions.id });
    if (!session) throw new Error("session insert failed");
    const actor = await loadActor(session.id);
    if (!actor) throw new Error("the session did not load");

    // A user whose role is scoped to one host group (~1,000 hosts): the live per-row counts path.
    const [group] = await db.select({ id: hostGroups.id }).from(hostGroups).orderBy(hostGroups.name).limit(1);
    if (!group) throw new Error("no host groups: run bench/seed-fleet.ts first");
    const [scopedRole] = await db
      .insert(roles)
      .values({
        name: `${username} scoped`,
        canViewDashboard: true,
        canViewHosts: true,
        canViewPackages: true,
      })
      .returning({ id: roles.id });
    if (!scopedRole) throw new Error("role insert failed");
    await db.insert(roleHostGroups).values({ roleId: scopedRole.id, hostGroupId: group.id });
    const [scopedUser] = await db
      .insert(users)
      .values({
        username: `${username}-scoped`,
        email: `${username}-scoped@example.com`,
        emailTrusted: true,
        roleId: scopedRole.id,
      })
      .returning({ id: users.id });
    if (!scopedUser) throw new Error("user insert failed");
    const [scopedSession] = await db
      .insert(sessions)
      .values({ userId: scopedUser.id, expiresAt: new Date(Date.now() + 3_600_000), tfaVerified: true })
      .returning({ id: sessions.id });
    const scoped = scopedSession && (await loadActor(scopedSession.id));
    if (!scoped) throw new Error("the scoped session did not load");

    // Fleet facts and the subjects of the detail pages: the host with the most pending updates (its
    // packages tab is the longest to sort) and the package installed on the most hosts.
    const [fleet] = (await sql`
      select (select count(*) from hosts)::int as hosts,
             (select count(*) from packages)::int as packages,
             (select reltuples::bigint from pg_class where relname = 'host_packages') as host_packages`) as unknown as [
      { hosts: number; packages: number; host_packages: string },
    ];
    const defaultPage = await listHostsFor(actor, {});
    const lastPage = Math.max(1, Math.ceil(defaultPage.total / defaultPage.pageSize));
    const bySecurity = await listHostsFor(actor, { sort: "security_updates", order: "desc" });
    const busyHost = bySecurity.hosts[0];
    if (!busyHost) throw new Error("no hosts: run bench/seed-fleet.ts first");
    const topPackage = (await listPackagesFor(actor, { sort: "hosts", order: "desc", pageSize: 1 })).rows[0];
    if (!topPackage) throw new Error("no packages: run bench/seed-fleet.ts first");

    const hostsPage = (input: Parameters<typeof listHostsFor>[1]) => () =>
      Promise.all([listHostsFor(actor, input), hostGroupChoicesFor(actor), hostOsTypesFor(actor)]);
    const pages: { label: string; method: string; run: () => Promise<unknown> }[] = [
      { label: "dashboard /", method: "getFleetOverview", run: () => getFleetOverview(actor) },
      { label: "hosts (default)", method: "listHostsFor {} + group/os choices", run: hostsPage({}) },
      {
        label: "hosts ?security=1",
        method: "listHostsFor {security} + choices",
        run: hostsPage({ security: true }),
      },
      {
        label: "hosts ?sort=security_updates&order=desc",
        method: "listHostsFor {sort} + choices",
        run: hostsPage({ sort: "security_updates", order: "desc" }),
      },
      {
        label: `hosts ?page=${lastPage} (last)`,
        method: "listHostsFor {page} + choices",
        run: hostsPage({ page: lastPage }),
      },
      {
        label: "host detail, overview tab",
        method: "getHostDetailFor",
        run: () => getHostDetailFor(actor, busyHost.id),
      },
      {
        label: "host detail, packages tab",
        method: "getHostDetailFor, listHostPackagesFor",
        run: async () => {
          const loaded = await getHostDetailFor(actor, busyHost.id);
          return listHostPackagesFor(actor, loaded.host.id, {});
        },
      },
      {
        label: "packages (default)",
        method: "listPackagesFor + managers + groups",
        run: () =>
          Promise.all([listPackagesFor(actor, {}), listPackageManagersFor(actor), listHostGroupsFor(actor)]),
      },
      {
        label: "packages ?updates=1&sort=hosts&order=desc",
        method: "listPackagesFor + managers + groups",
        run: () =>
          Promise.all([
            listPackagesFor(actor, { updates: true, sort: "hosts", order: "desc" }),
            listPackageManagersFor(actor),
            listHostGroupsFor(actor),
          ]),
      },
      {
        label: "package detail (most installed)",
        method: "getPackageFor, listPackageHostsFor",
        run: () =>
          Promise.all([getPackageFor(actor, topPackage.id), listPackageHostsFor(actor, topPackage.id, {})]),
      },
      {
        label: "dashboard / (scoped: 1 group)",
        method: "getFleetOverview",
        run: () => getFleetOverview(scoped),
      },
      {
        label: "packages (default, scoped: 1 group)",
        method: "listPackagesFor + managers + groups",
        run: () =>
          Promise.all([
            listPackagesFor(scoped, {}),
            listPackageManagersFor(scoped),
            listHostGroupsFor(scoped),
          ]),
      },
      {
        label: "repositories (default)",
        method: "listRepositoriesFor",
        run: () => listRepositoriesFor(actor, {}),
      },
    ];

    console.log(
      `PatchMon page benchmark: ${fleet.hosts.toLocaleString("en")} hosts, ${fleet.packages.toLocaleString("en")} packages, ~${Number(fleet.host_packages).toLocaleString("en")} host_packages rows`,
    );
    console.log(`machine: ${machineLine()}`);
    console.log(
      `method: wall clock around the page's service calls (admin actor), ${WARMUPS} warm-ups then ${RUNS} runs, sequential\n`,
    );
    console.log(
      `${"page".padEnd(44)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}  calls`,
    );
    const captured: Captured[] = [];
    for (const page of pages) {
      const warmStart = performance.now();
      for (let i = 0; i < WARMUPS && performance.now() - warmStart < BUDGET_MS / 4; i++) await page.run();
      const samples: number[] = [];
      const pageStart = performance.now();
      for (let i = 0; i < RUNS; i++) {
        if (i >= 5 && performance.now() - pageStart > BUDGET_MS) break;
        const stop =
          i === 0
            ? observeQueries((query, params) => captured.push({ page: page.label, query, params }))
            : null;
        const start = performance.now();
        await page.run();
        samples.push(performance.now() - start);
        stop?.();
      }
      const sorted = samples.sort((a, b) => a - b);
      console.log(
        `${page.label.padEnd(44)} ${percentile(sorted, 50).toFixed(1).padStart(8)} ${percentile(sorted, 95).toFixed(1).padStart(8)} ${(sorted.at(-1) ?? 0).toFixed(1).padStart(8)}  ${samples.length < RUNS ? `(n=${samples.length}, budget) ` : ""}${page.method}`,
      );
    }

    // Every distinct SELECT, under EXPLAIN ANALYZE: the three slowest plans, and any Seq Scan on host_packages.
    const seen = new Set<string>();
    const explained: { item: Captured; ms: number; plan: string }[] = [];
    for (const item of captured) {
      if (!/^\s*(select|with)\b/i.test(item.query) || seen.has(item.query)) continue;
      seen.add(item.query);
      const rows = await sql.unsafe(
        `explain (analyze, buffers, format text) ${item.query}`,
        item.params as Parameters<typeof sql.unsafe>[1],
      );
      const plan = rows.map((r) => r["QUERY PLAN"] as string).join("\n");
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);
      explained.push({ item, ms, plan });
    }
    explained.sort((a, b) => b.ms - a.ms);
    const seqScans = explained.filter((e) => /Seq Scan on host_packages/.test(e.plan));
    console.log(`\n${explained.length} distinct SELECTs explained; the slowest:`);
    for (const e of explained.slice(0, 8)) {
      console.log(
        `  ${e.ms.toFixed(1).padStart(8)} ms  ${e.item.page}: ${e.item.query.replace(/\s+/g, " ").slice(0, 110)}`,
      );
    }
    // The three slowest plans of the administrator's pages, then of the scoped user's.
    for (const scopedPages of [false, true]) {
      const heaviest = explained.filter((e) => e.item.page.includes("scoped") === scopedPages).slice(0, 3);
      for (const [i, e] of heaviest.entries()) {
        console.log(
          `\n--- heaviest ${scopedPages ? "scoped" : "admin"} #${i + 1} (${e.item.page}, ${e.ms.toFixed(1)} ms)`,
        );
        console.log(e.item.query);
        console.log(`params: ${JSON.stringify(e.item.params)}`);
        console.log(e.plan);
      }
    }
    console.log(
      seqScans.length === 0
        ? "\nno plan scans host_packages sequentially"
        : `\nFLAG: ${seqScans.length} statement(s) scan host_packages sequentially:\n${seqScans.map((e) => `  ${e.item.page}: ${e.item.query.replace(/\s+/g, " ").slice(0, 160)}`).join("\n")}`,
    );
    console.log(`\nmachine after: ${machineLine()}`);
    await db.delete(users).where(eq(users.id, user.id));
    await db.delete(users).where(eq(users.id, scopedUser.id));
    await db.delete(roles).where(eq(roles.id, scopedRole.id));
  } finally {
    await closeDb();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
