// Ingestion at scale and under concurrency: a fixed number of statements whatever the package count,
// reports of one host serialise (last one wins, nothing mixed), different hosts do not wait.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getDbHandle } from "@/db/client";
import { addMissingPackages } from "@/db/queries/catalogue";
import { replaceHostPackages } from "@/db/queries/ingestion";
import { lockHostForReport } from "@/db/queries/report-host";
import { withTransaction } from "@/db/queries/transaction";
import { hosts, reports } from "@/db/schema";
import { ingestReport } from "@/lib/agent/ingest";
import { useMigratedDatabase } from "../support/database";
import { statementsOf } from "../support/statements";
import { addHost, hostPackageRows, pkg, report } from "./ingestion-support";

type Pkg = ReturnType<typeof pkg>;

const manyPackages = (count: number, version: string, prefix = "pkg") =>
  Array.from({ length: count }, (_, i) =>
    pkg(
      `${prefix}-${i}`,
      i % 7 === 0
        ? { currentVersion: version, availableVersion: `${version}.1` }
        : { currentVersion: version },
    ),
  );

describe("report ingestion at scale and under concurrency", () => {
  useMigratedDatabase();

  it("sends the same number of statements for 10 and for 5,000 packages", async () => {
    const counts: Record<string, number[]> = {};
    for (const size of [10, 5000]) {
      const repos = [{ url: `http://deb.example/debian-${size}`, distribution: "bookworm", repoType: "deb" }];
      const host = await addHost();
      const first = await statementsOf(() =>
        ingestReport({
          hostId: host.id,
          report: report(manyPackages(size, "1"), { repositories: repos }),
          payloadBytes: 1,
        }),
      );
      const again = await statementsOf(() =>
        ingestReport({ hostId: host.id, report: report(manyPackages(size, "2")), payloadBytes: 1 }),
      );
      const failed = await statementsOf(() =>
        ingestReport({ hostId: host.id, report: report([], { collectionError: "boom" }), payloadBytes: 1 }),
      );
      counts[size] = [first.length, again.length, failed.length];
      expect((await hostPackageRows(host.id)).size).toBe(size);
    }
    // First report: catalogue, repository catalogue, read host (no digest yet), then the transaction:
    // lock, packages, repositories, host + history.
    // Again (the same names, already in the catalogue): read host, the one-statement delta.
    // Failed: lock, host + history.
    expect(counts[10]).toEqual([7, 2, 2]);
    expect(counts[5000]).toEqual(counts[10]);
  });

  it("stores a remembered package again after the orphan clean-up removed it from the catalogue", async () => {
    const first = await addHost();
    const second = await addHost();
    const stays = pkg("stays", { currentVersion: "1" });
    const list = [pkg("gone-soon", { currentVersion: "1" }), stays];
    await ingestReport({ hostId: first.id, report: report(list), payloadBytes: 1 });
    // What the orphan clean-up does once no host has the package any more.
    await ingestReport({ hostId: first.id, report: report([stays]), payloadBytes: 1 });
    await getDb().execute(sql`delete from packages where name = 'gone-soon'`);

    // The second host already reported and had its alerts evaluated; its report now also turns a
    // package it has into a pending security update, which the first, incomplete replacement writes.
    await ingestReport({ hostId: second.id, report: report([stays]), payloadBytes: 1 });
    await getDb().execute(sql`insert into alert_host_states (host_id) values (${second.id})`);
    const secure = pkg("stays", { currentVersion: "1", availableVersion: "2", isSecurityUpdate: true });
    let result: Awaited<ReturnType<typeof ingestReport>> | undefined;
    const statements = await statementsOf(async () => {
      result = await ingestReport({
        hostId: second.id,
        report: report([list[0], secure], { packagesHash: "h" }),
        payloadBytes: 1,
      });
    });
    expect([...(await hostPackageRows(second.id)).keys()].sort()).toEqual(["gone-soon", "stays"]);
    const [row] = await getDb().select().from(hosts).where(eq(hosts.id, second.id));
    expect(row).toMatchObject({ totalPackages: 2, securityUpdatesCount: 1, packagesHash: "h" });
    // read host, the one-statement delta (not applied: a row is missing from the catalogue), then
    // the transaction: lock, the whole list (still missing), catalogue, the whole list again,
    // host + history.
    expect(statements).toHaveLength(7);
    // The security change happened in the first replacement and still counts.
    expect(result).toMatchObject({ outcome: "accepted", securityUpdates: 1, evaluateAlerts: true });
  });

  it("serialises two concurrent reports of one host: both succeed and the final state is one of them", async () => {
    const host = await addHost();
    await ingestReport({ hostId: host.id, report: report(manyPackages(300, "1")), payloadBytes: 1 });
    const a = report(manyPackages(400, "2", "pkg"), { hostname: "a", packagesHash: "ha" });
    const b = report(manyPackages(350, "3", "pkg"), { hostname: "b", packagesHash: "hb" });
    const results = await Promise.all([
      ingestReport({ hostId: host.id, report: a, payloadBytes: 1 }),
      ingestReport({ hostId: host.id, report: b, payloadBytes: 1 }),
    ]);
    expect(results.map((r) => r.outcome === "accepted" && r.status)).toEqual(["success", "success"]);

    const [row] = await getDb().select().from(hosts).where(eq(hosts.id, host.id));
    const winner = row?.hostname === "a" ? a : b;
    expect(row?.packagesHash).toBe(winner.packagesHash);
    const stored = await hostPackageRows(host.id);
    expect(stored.size).toBe(winner.packages.length);
    for (const p of winner.packages) {
      expect(stored.get(p.name)).toMatchObject({
        currentVersion: p.currentVersion,
        availableVersion: p.availableVersion,
      });
    }
    expect(row?.totalPackages).toBe(winner.packages.length);
    expect(await getDb().select().from(reports).where(eq(reports.hostId, host.id))).toHaveLength(3);
  });

  it("lets another host report the same new packages while one host's report is still open", async () => {
    const [first, second] = [await addHost(), await addHost()];
    const shared = manyPackages(200, "1", `shared-${first.id.slice(0, 8)}`);
    const sharedReport = report(shared);

    if (getDbHandle().kind === "pglite") {
      // One embedded connection runs one transaction at a time: check both finish, not overlap.
      const results = await Promise.all(
        [first, second].map((host) =>
          ingestReport({ hostId: host.id, report: sharedReport, payloadBytes: 1 }),
        ),
      );
      expect(results.every((r) => r.outcome === "accepted")).toBe(true);
      return;
    }

    // Hold the first host's report open half-way (row lock taken, packages written, not committed)...
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    await addMissingPackages("apt", sharedReport.packages);
    const open = withTransaction(async (tx) => {
      await lockHostForReport(first.id, tx);
      await replaceHostPackages(
        { hostId: first.id, packageManager: "apt", packages: sharedReport.packages, now: new Date() },
        tx,
      );
      holding();
      await gate;
    });
    await held;
    // ...the second host's report of the same (and more, new) packages completes meanwhile.
    // (If it waited on the open transaction it could only finish after release: the race says "blocked".)
    const extra = report([...shared, ...manyPackages(50, "1", `new-${second.id.slice(0, 8)}`)]);
    const result = await Promise.race([
      ingestReport({ hostId: second.id, report: extra, payloadBytes: 1 }),
      new Promise((resolve) => setTimeout(() => resolve("blocked"), 10_000)),
    ]);
    release();
    await open;
    expect(result).toMatchObject({ outcome: "accepted", packagesProcessed: 250 });
    expect((await hostPackageRows(first.id)).size).toBe(200);
  });

  it("keeps one report's list whole when several reports of one host race", async () => {
    const host = await addHost();
    const tag = host.id.slice(0, 8);
    const base = Array.from({ length: 200 }, (_, i) => pkg(`r-${tag}-${i}`, { currentVersion: "1" }));
    await ingestReport({ hostId: host.id, report: report(base), payloadBytes: 1 });
    // Six re-reports at once, each changing other rows (two also drop a package).
    const lists = Array.from({ length: 6 }, (_, n) =>
      base.flatMap((p, i): Pkg[] => {
        if (n % 3 === 0 && i === n) return [];
        return i % 6 === n
          ? [pkg(p.name, { currentVersion: `${n + 2}`, availableVersion: "9", isSecurityUpdate: true })]
          : [p];
      }),
    );
    const results = await Promise.all(
      lists.map((list, n) =>
        ingestReport({ hostId: host.id, report: report(list, { hostname: `race-${n}` }), payloadBytes: 1 }),
      ),
    );
    expect(results.every((r) => r.outcome === "accepted" && r.status === "success")).toBe(true);
    const [row] = await getDb().select().from(hosts).where(eq(hosts.id, host.id));
    const winner = lists[Number(row?.hostname?.replace("race-", ""))] as Pkg[];
    const rows = await hostPackageRows(host.id);
    expect(rows.size).toBe(winner.length);
    for (const p of winner) expect(rows.get(p.name)?.currentVersion).toBe(p.currentVersion);
    const security = winner.filter((p) => p.isSecurityUpdate).length;
    expect(row).toMatchObject({ totalPackages: winner.length, securityUpdatesCount: security });
    // The stored package digest describes the stored rows: the winner's list again changes nothing.
    const again = await statementsOf(() =>
      ingestReport({ hostId: host.id, report: report(winner), payloadBytes: 1 }),
    );
    expect(again).toHaveLength(2);
    expect([...(await hostPackageRows(host.id)).values()].map((r) => r.xmin)).toEqual(
      [...rows.values()].map((r) => r.xmin),
    );
  });
});
