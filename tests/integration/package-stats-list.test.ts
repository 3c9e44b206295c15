// The Packages list sorted and filtered by per-package counts: the whole fleet reads package_stats
// (folded or not, the same answer), a scoped user counts only its own hosts' rows, and the dashboard's
// outdated-packages and security counts agree with a live count.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { executeRows, getDb } from "@/db/client";
import { foldPackageStatDeltas } from "@/db/queries/package-stats";
import { hostPackages, packages } from "@/db/schema";
import { getFleetOverview } from "@/lib/overview";
import { getPackageFor, listPackageManagersFor, listPackagesFor } from "@/lib/packages/service";
import { signedInUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { createFleet, scopedRole, userWithScope } from "./host-scope-support";

type Row = { name: string; hostCount: number; updateCount: number; securityCount: number };
const show = (row: Row) =>
  `${row.name.split("-").pop()}:${row.hostCount}/${row.updateCount}/${row.securityCount}`;

/**
 * The host-scope fleet (p1 on inA, p2 on inB) plus: q on all four hosts, pending on three of them,
 * security on inB and ungrouped; r on inA and inAC, both security; s on inB only, up to date.
 */
async function countsFleet() {
  const fleet = await createFleet();
  const made = await getDb()
    .insert(packages)
    .values(["q", "r", "s"].map((name) => ({ name: `${fleet.tag}-${name}`, packageManager: "apt" })))
    .returning({ id: packages.id, name: packages.name });
  const id = (name: string) => made.find((p) => p.name.endsWith(`-${name}`))?.id ?? "";
  const { inA, inB, inAC, ungrouped } = fleet.hosts;
  const row = (hostId: string, name: string, state: "ok" | "pending" | "security") => ({
    hostId,
    packageId: id(name),
    currentVersion: "1",
    availableVersion: state === "ok" ? null : "2",
    needsUpdate: state !== "ok",
    isSecurityUpdate: state === "security",
  });
  await getDb()
    .insert(hostPackages)
    .values([
      row(inA, "q", "ok"),
      row(inB, "q", "security"),
      row(inAC, "q", "pending"),
      row(ungrouped, "q", "security"),
      row(inA, "r", "security"),
      row(inAC, "r", "security"),
      row(inB, "s", "ok"),
    ]);
  return fleet;
}

async function liveOutdated(): Promise<{ outdated: number; security: number }> {
  const [row] = await executeRows<{ outdated: number; security: number }>(
    getDb(),
    sql`select (select count(distinct package_id) from host_packages where needs_update)::int as outdated,
      (select count(*) from host_packages where needs_update and is_security_update)::int as security`,
  );
  return row ?? { outdated: -1, security: -1 };
}

describe("packages list by stored counts", () => {
  useMigratedDatabase({ REDIS_URL: undefined });

  it("sorts the whole fleet by hosts, updates and security, the same before and after the fold", async () => {
    const fleet = await countsFleet();
    // t: on three hosts, all up to date; u: pending (not security) on two. With them the three sorts
    // give three different orders, so a sort reading the wrong count cannot pass.
    const [t, u] = await getDb()
      .insert(packages)
      .values(["t", "u"].map((name) => ({ name: `${fleet.tag}-${name}`, packageManager: "apt" })))
      .returning({ id: packages.id });
    const { inA, inB, inAC } = fleet.hosts;
    await getDb()
      .insert(hostPackages)
      .values([
        ...[inA, inB, inAC].map((hostId) => ({ hostId, packageId: t?.id ?? "", currentVersion: "1" })),
        ...[inA, inB].map((hostId) => ({
          hostId,
          packageId: u?.id ?? "",
          currentVersion: "1",
          availableVersion: "2",
          needsUpdate: true,
          isSecurityUpdate: false,
        })),
      ]);
    const { actor } = await signedInUser("admin");
    const sorted = async (sort: "hosts" | "updates" | "security", order: "asc" | "desc" = "desc") =>
      (await listPackagesFor(actor, { search: fleet.tag, sort, order })).rows.map(show).join(" ");
    const expected = {
      hosts: "q:4/3/2 t:3/0/0 r:2/2/2 u:2/2/0 p1:1/1/1 p2:1/1/0 s:1/0/0",
      updates: "q:4/3/2 r:2/2/2 u:2/2/0 p1:1/1/1 p2:1/1/0 s:1/0/0 t:3/0/0",
      security: "q:4/3/2 r:2/2/2 p1:1/1/1 p2:1/1/0 s:1/0/0 t:3/0/0 u:2/2/0",
      securityAsc: "p2:1/1/0 s:1/0/0 t:3/0/0 u:2/2/0 p1:1/1/1 q:4/3/2 r:2/2/2",
    };
    for (const phase of ["deltas", "folded"]) {
      if (phase === "folded") await foldPackageStatDeltas();
      expect(await sorted("hosts")).toBe(expected.hosts);
      expect(await sorted("updates")).toBe(expected.updates);
      expect(await sorted("security")).toBe(expected.security);
      expect(await sorted("security", "asc")).toBe(expected.securityAsc);
      const secure = await listPackagesFor(actor, {
        search: fleet.tag,
        security: "1",
        sort: "hosts",
        order: "desc",
      });
      expect(secure.rows.map(show)).toEqual(["q:4/3/2", "r:2/2/2", "p1:1/1/1"]);
      expect(secure.total).toBe(3);
      const paged = await listPackagesFor(actor, {
        search: fleet.tag,
        sort: "updates",
        order: "desc",
        pageSize: 2,
        page: 2,
      });
      expect(paged.rows.map(show)).toEqual(["u:2/2/0", "p1:1/1/1"]);
      expect(paged.total).toBe(7);
    }
    const q = (await listPackagesFor(actor, { search: `${fleet.tag}-q` })).rows[0];
    expect(await getPackageFor(actor, q?.id ?? "")).toMatchObject({
      hostCount: 4,
      updateCount: 3,
      securityCount: 2,
    });
  });

  it("a scoped user sorts by the counts of its own hosts only", async () => {
    const fleet = await countsFleet();
    await foldPackageStatDeltas();
    // Group B: inB only. q there is a security update; r is absent; s is up to date.
    const { actor } = await userWithScope(await scopedRole([fleet.groups.b]));
    const page = await listPackagesFor(actor, { search: fleet.tag, sort: "hosts", order: "desc" });
    expect(page.rows.map(show)).toEqual(["p2:1/1/0", "q:1/1/1", "s:1/0/0"]);
    expect(page.total).toBe(3);
    const security = await listPackagesFor(actor, { search: fleet.tag, sort: "security", order: "desc" });
    expect(security.rows.map(show)).toEqual(["q:1/1/1", "p2:1/1/0", "s:1/0/0"]);
    const q = page.rows.find((row) => row.name.endsWith("-q"));
    expect(await getPackageFor(actor, q?.id ?? "")).toMatchObject({
      hostCount: 1,
      updateCount: 1,
      securityCount: 1,
    });
    // Group A: inA and inAC. r sorts first by security there (2), q has 2 hosts but 0 security.
    const a = await userWithScope(await scopedRole([fleet.groups.a]));
    const inA = await listPackagesFor(a.actor, { search: fleet.tag, sort: "security", order: "desc" });
    expect(inA.rows.map(show)).toEqual(["r:2/2/2", "p1:1/1/1", "q:2/1/0"]);
  });

  it("the dashboard's outdated packages and security updates equal a live count", async () => {
    await countsFleet();
    const { actor } = await signedInUser("admin");
    const check = async () => {
      const overview = await getFleetOverview(actor);
      expect({ outdated: overview.outdatedPackages, security: overview.securityUpdates }).toEqual(
        await liveOutdated(),
      );
    };
    await check();
    await foldPackageStatDeltas();
    await check();
  });

  it("lists every package manager once, in order (a loose index scan)", async () => {
    const fleet = await countsFleet();
    await getDb()
      .insert(packages)
      .values(["zypper", "apk", "pacman"].map((pm) => ({ name: `${fleet.tag}-m`, packageManager: pm })));
    const { actor } = await signedInUser("admin");
    const expected = await executeRows<{ pm: string }>(
      getDb(),
      sql`select distinct package_manager as pm from packages order by 1`,
    );
    const managers = await listPackageManagersFor(actor);
    expect(managers).toEqual(expected.map((row) => row.pm));
    expect(managers).toEqual(expect.arrayContaining(["apk", "apt", "pacman", "zypper"]));
  });
});
