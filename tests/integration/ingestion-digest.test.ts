// The package digest (lib/agent/package-digest.ts) lets a full report write only its changed rows.
// It must never change what is stored: the same reports give the same rows, counts and dates as the
// full comparison in SQL, which runs whenever the digest cannot settle a report.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, observeQueries } from "@/db/client";
import { applyReportDelta } from "@/db/queries/report-delta";
import { readHostForReport } from "@/db/queries/report-host";
import { hosts } from "@/db/schema";
import { packageCatalogue } from "@/lib/agent/catalogue-cache";
import { ingestReport } from "@/lib/agent/ingest";
import { encodeDigest, packageRowHash, planFromDigest } from "@/lib/agent/package-digest";
import { useMigratedDatabase } from "../support/database";
import { statementsOf } from "../support/statements";
import { addHost, hostPackageRows, pkg, report } from "./ingestion-support";

type Pkg = ReturnType<typeof pkg>;

async function stored(hostId: string) {
  const rows = await hostPackageRows(hostId);
  const view = [...rows.entries()]
    .map(([name, row]) => ({
      name,
      currentVersion: row.currentVersion,
      availableVersion: row.availableVersion,
      needsUpdate: row.needsUpdate,
      isSecurityUpdate: row.isSecurityUpdate,
      firstSeenAt: row.firstSeenAt?.toISOString() ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const [host] = await getDb()
    .select({
      totalPackages: hosts.totalPackages,
      updatesCount: hosts.updatesCount,
      securityUpdatesCount: hosts.securityUpdatesCount,
      oldestSecurityPendingSince: hosts.oldestSecurityPendingSince,
    })
    .from(hosts)
    .where(eq(hosts.id, hostId));
  return { rows: view, host };
}

const digestOf = async (hostId: string) =>
  (await getDb().select({ digest: hosts.packageDigest }).from(hosts).where(eq(hosts.id, hostId)))[0]?.digest;

/** A seeded generator, so that a failure can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

describe("ingestion with the package digest", () => {
  useMigratedDatabase();

  it("stores exactly what the full comparison stores, over a random series of reports", async () => {
    const random = prng(20261127);
    const withDigest = await addHost();
    const withoutDigest = await addHost();
    const prefix = `d-${withDigest.id.slice(0, 8)}`;
    let list: Pkg[] = Array.from({ length: 60 }, (_, i) => pkg(`${prefix}-${i}`, { currentVersion: "1" }));
    let clock = Date.parse("2026-11-01T00:00:00Z");
    let oneStatement = 0;
    for (let round = 0; round < 25; round++) {
      // A package vanishes in a fifth of the rounds (the full comparison's case), a third of the
      // rounds change nothing, the others change some rows (the one-statement case).
      const vanishing = round > 0 && random() < 0.2;
      const still = round > 0 && !vanishing && random() < 1 / 3;
      if (round > 0 && !still) {
        list = list.flatMap((p): Pkg[] => {
          const roll = random();
          if (roll < 0.05) return vanishing ? [] : [p];
          if (roll < 0.15) return [pkg(p.name, { currentVersion: `${round}` })]; // updated, nothing pending
          if (roll < 0.25)
            return [
              pkg(p.name, {
                currentVersion: p.currentVersion,
                availableVersion: `${round}.1`,
                isSecurityUpdate: random() < 0.5,
              }),
            ];
          if (roll < 0.3)
            return [{ ...p, isSecurityUpdate: p.needsUpdate ? !p.isSecurityUpdate : p.isSecurityUpdate }];
          return [p];
        });
        if (random() < 0.5)
          list.push(pkg(`${prefix}-new-${round}`, { currentVersion: "1", availableVersion: "2" }));
      }
      clock += 3_600_000;
      const receivedAt = new Date(clock);
      await getDb().execute(sql`update hosts set package_digest = null where id = ${withoutDigest.id}`);
      for (const host of [withDigest, withoutDigest]) {
        let result: Awaited<ReturnType<typeof ingestReport>> | undefined;
        const statements = await statementsOf(async () => {
          result = await ingestReport({ hostId: host.id, report: report(list), payloadBytes: 1, receivedAt });
        });
        const locked = statements.some((statement) => /for update/.test(statement));
        if (host === withDigest && !locked) oneStatement++;
        if (host === withDigest && round > 0 && !vanishing) expect(locked, `round ${round}`).toBe(false);
        expect(result).toMatchObject({
          outcome: "accepted",
          status: "success",
          packagesProcessed: list.length,
        });
      }
      const [a, b] = [await stored(withDigest.id), await stored(withoutDigest.id)];
      expect(a).toEqual(b);
      expect(a.rows).toHaveLength(list.length);
      expect(await digestOf(withDigest.id)).toBe(await digestOf(withoutDigest.id));
    }
    expect(oneStatement).toBeGreaterThanOrEqual(15);
  });

  it("writes only the changed rows and sends nothing for an identical list", async () => {
    const host = await addHost();
    const names = Array.from({ length: 500 }, (_, i) => `w-${host.id.slice(0, 8)}-${i}`);
    const first = names.map((name) => pkg(name, { currentVersion: "1" }));
    await ingestReport({ hostId: host.id, report: report(first), payloadBytes: 1 });
    const before = await hostPackageRows(host.id);

    const second = first.map((p, i) =>
      i < 5 ? pkg(p.name, { currentVersion: "1", availableVersion: "2" }) : p,
    );
    const changed = await statementsOf(() =>
      ingestReport({ hostId: host.id, report: report(second), payloadBytes: 1 }),
    );
    // read host, then one statement: the 5 changed rows, host and history row
    expect(changed).toHaveLength(2);
    const after = await hostPackageRows(host.id);
    const rewritten = names.filter((name) => after.get(name)?.xmin !== before.get(name)?.xmin);
    expect(rewritten).toEqual(names.slice(0, 5));

    const same = await statementsOf(() =>
      ingestReport({ hostId: host.id, report: report(second), payloadBytes: 1 }),
    );
    expect(same).toHaveLength(2); // read host, host and history row (no package row written)
    expect([...(await hostPackageRows(host.id)).values()].map((r) => r.xmin)).toEqual(
      [...after.values()].map((r) => r.xmin),
    );
    const [row] = await getDb().select().from(hosts).where(eq(hosts.id, host.id));
    expect(row).toMatchObject({ totalPackages: 500, updatesCount: 5, securityUpdatesCount: 0 });

    // A package the server has never seen: only that name goes to the catalogue, then one statement;
    // the unchanged rows' names are not asked about even when this process remembers none of them.
    packageCatalogue.forget();
    const fresh = `w-${host.id.slice(0, 8)}-new`;
    const third = [...second, pkg(fresh, { currentVersion: "1" })];
    const catalogued: unknown[][] = [];
    const stop = observeQueries((query, params) => {
      if (/^\s*insert into packages/.test(query)) catalogued.push(params);
    });
    const added = await statementsOf(() =>
      ingestReport({ hostId: host.id, report: report(third), payloadBytes: 1 }),
    ).finally(stop);
    expect(added).toHaveLength(3);
    expect(catalogued).toHaveLength(1);
    expect(catalogued[0]?.[1]).toBe(`{"${fresh}"}`);
    expect((await hostPackageRows(host.id)).get(fresh)).toMatchObject({ currentVersion: "1" });
  });

  it("moves the oldest pending security date on when the oldest update is applied", async () => {
    const host = await addHost();
    const tag = host.id.slice(0, 8);
    const secure = (name: string, available: string) =>
      pkg(`o-${tag}-${name}`, { currentVersion: "1", availableVersion: available, isSecurityUpdate: true });
    const at = (day: number) => new Date(Date.UTC(2026, 10, day));
    const oldest = async () =>
      (
        await getDb().select().from(hosts).where(eq(hosts.id, host.id))
      )[0]?.oldestSecurityPendingSince?.toISOString();
    const send = (list: Pkg[], day: number) =>
      ingestReport({ hostId: host.id, report: report(list), payloadBytes: 1, receivedAt: at(day) });

    await send([secure("a", "2"), pkg(`o-${tag}-b`)], 1);
    await send([secure("a", "2"), secure("b", "2")], 2);
    expect(await oldest()).toBe(at(1).toISOString());
    // a's update applied: b's date is the oldest now, though a's old row still said day 1.
    await send([pkg(`o-${tag}-a`, { currentVersion: "2" }), secure("b", "2")], 3);
    expect(await oldest()).toBe(at(2).toISOString());
    // b offers a newer version: pending since today.
    await send([pkg(`o-${tag}-a`, { currentVersion: "2" }), secure("b", "3")], 4);
    expect(await oldest()).toBe(at(4).toISOString());
    await send([pkg(`o-${tag}-a`, { currentVersion: "2" }), pkg(`o-${tag}-b`, { currentVersion: "3" })], 5);
    expect(await oldest()).toBeUndefined();
  });

  it("compares the whole list when a package vanished, and when the digest is of another manager", async () => {
    const host = await addHost();
    const tag = host.id.slice(0, 8);
    const list = [pkg(`v-${tag}-a`), pkg(`v-${tag}-b`), pkg(`v-${tag}-c`)];
    await ingestReport({ hostId: host.id, report: report(list), payloadBytes: 1 });

    // b vanished, c changed: the one-statement delta writes nothing, the full comparison runs.
    const next = [list[0], pkg(`v-${tag}-c`, { currentVersion: "2" })];
    const statements = await statementsOf(() =>
      ingestReport({ hostId: host.id, report: report(next), payloadBytes: 1 }),
    );
    // read host, the delta (not applied: a stored row is unmatched), lock, whole list, host + history
    expect(statements).toHaveLength(5);
    expect([...(await hostPackageRows(host.id)).keys()].sort()).toEqual([`v-${tag}-a`, `v-${tag}-c`]);

    // The same names from dnf are other packages: the apt digest does not apply.
    await ingestReport({ hostId: host.id, report: report(next, { packageManager: "dnf" }), payloadBytes: 1 });
    const [row] = await getDb().select().from(hosts).where(eq(hosts.id, host.id));
    expect(row?.packageDigest?.startsWith("v1:dnf:")).toBe(true);
    expect(row?.totalPackages).toBe(2);
  });

  it("forgets the digest of hosts whose rows a package deletion removed, and restores them", async () => {
    const host = await addHost();
    const tag = host.id.slice(0, 8);
    const list = [
      pkg(`x-${tag}-keep`),
      pkg(`x-${tag}-lost`, { availableVersion: "2", isSecurityUpdate: true }),
    ];
    await ingestReport({ hostId: host.id, report: report(list), payloadBytes: 1 });
    expect(await digestOf(host.id)).not.toBeNull();

    await getDb().execute(sql`delete from packages where name = ${`x-${tag}-lost`}`);
    expect(await digestOf(host.id)).toBeNull();
    expect((await hostPackageRows(host.id)).size).toBe(1);

    // The agent sends the same list again: nothing is taken for unchanged, the row comes back.
    await ingestReport({ hostId: host.id, report: report(list), payloadBytes: 1 });
    expect([...(await hostPackageRows(host.id)).keys()].sort()).toEqual([`x-${tag}-keep`, `x-${tag}-lost`]);
    const [row] = await getDb().select().from(hosts).where(eq(hosts.id, host.id));
    expect(row).toMatchObject({ totalPackages: 2, securityUpdatesCount: 1 });
    expect(row?.packageDigest).not.toBeNull();
  });

  it("never applies a plan made from a read that a list changed and changed back since", async () => {
    const host = await addHost();
    const tag = host.id.slice(0, 8);
    const base = [pkg(`z-${tag}-a`), pkg(`z-${tag}-b`)];
    await ingestReport({ hostId: host.id, report: report(base), payloadBytes: 1 });
    const stale = await readHostForReport(host.id);
    if (!stale?.packageDigest) throw new Error("no digest");
    // Two reports commit after that read: one changes b, the next changes it back (same digest).
    const other = [base[0] as Pkg, pkg(`z-${tag}-b`, { currentVersion: "2", availableVersion: "3" })];
    await ingestReport({ hostId: host.id, report: report(other), payloadBytes: 1 });
    await ingestReport({ hostId: host.id, report: report(base), payloadBytes: 1 });
    expect(await digestOf(host.id)).toBe(stale.packageDigest);

    // The stale plan: a changed; its snapshot of b is from before both reports.
    const next = [pkg(`z-${tag}-a`, { currentVersion: "9" }), base[1] as Pkg];
    const parsed = report(next);
    const hashes = parsed.packages.map(packageRowHash);
    const plan = planFromDigest(stale.packageDigest, "apt", hashes);
    expect(plan).toEqual({ changed: [0], unmatchedStored: 1 });
    const result = await applyReportDelta({
      hostId: host.id,
      packageManager: "apt",
      changed: [parsed.packages[0] as (typeof parsed.packages)[number]],
      unmatchedStored: 1,
      expected: stale,
      digest: encodeDigest("apt", hashes),
      host: { hostname: "stale" },
      history: { hostId: host.id, status: "success" },
      now: new Date(),
    });
    expect(result).toEqual({ applied: false });
    const [row] = await getDb().select().from(hosts).where(eq(hosts.id, host.id));
    expect(row?.hostname).not.toBe("stale");
    expect((await hostPackageRows(host.id)).get(`z-${tag}-a`)?.currentVersion).toBe("1.0");
  });

  it("replaces a digest that does not add up instead of trusting it", async () => {
    const host = await addHost();
    const tag = host.id.slice(0, 8);
    const list = [pkg(`y-${tag}-a`), pkg(`y-${tag}-b`)];
    await ingestReport({ hostId: host.id, report: report(list), payloadBytes: 1 });
    const good = await digestOf(host.id);
    // A digest of another list (one row more than stored), as if written by something else.
    await ingestReport({ hostId: host.id, report: report([...list, pkg(`y-${tag}-c`)]), payloadBytes: 1 });
    const threeRows = await digestOf(host.id);
    await ingestReport({ hostId: host.id, report: report(list), payloadBytes: 1 });
    expect(await digestOf(host.id)).toBe(good);
    await getDb().execute(sql`update hosts set package_digest = ${threeRows} where id = ${host.id}`);

    const changed = [pkg(`y-${tag}-a`, { currentVersion: "2" }), list[1]];
    const statements = await statementsOf(() =>
      ingestReport({ hostId: host.id, report: report(changed), payloadBytes: 1 }),
    );
    // read host, the delta (not applied: two stored hashes unmatched, one row existed), lock, whole
    // list, host + history: trusting the digest would have been two statements.
    expect(statements).toHaveLength(5);
    const rows = await hostPackageRows(host.id);
    expect([...rows.keys()].sort()).toEqual([`y-${tag}-a`, `y-${tag}-b`]);
    expect(rows.get(`y-${tag}-a`)?.currentVersion).toBe("2");
    expect(await digestOf(host.id)).not.toBe(threeRows);
  });
});
