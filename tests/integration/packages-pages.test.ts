// Packages pages through their service: counts per package over the hosts in scope, filters,
// sorting, paging with totals, package detail hosts, and refusals.
import "next/dist/server/node-environment-baseline.js";
import { describe, expect, it } from "vitest";
import { GET as exportHostPackages } from "@/app/api/v1/hosts/[id]/packages/export/route";
import { GET as exportPackages } from "@/app/api/v1/packages/export/route";
import { getDb } from "@/db/client";
import { hostPackages, packages } from "@/db/schema";
import { ingestReport } from "@/lib/agent/ingest";
import { agentReportSchema } from "@/lib/agent/report-schema";
import { NotFoundError, PermissionError } from "@/lib/errors";
import {
  exportHostPackagesFor,
  exportPackagesFor,
  getPackageFor,
  listPackageHostsFor,
  listPackageManagersFor,
  listPackagesFor,
} from "@/lib/packages/service";
import { signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { callRoute, sessionCookie } from "../support/route-session";
import { createFleet, type Fleet, scopedRole, userWithScope } from "./host-scope-support";

/**
 * The fleet of host-scope-support plus P3, installed everywhere except "ungrouped": up to date on
 * inA, pending (not security) on inB, pending security on inAC.
 */
async function packagesFleet(): Promise<Fleet & { p3: string }> {
  const fleet = await createFleet();
  const [p3] = await getDb()
    .insert(packages)
    .values({ name: `${fleet.tag}-p3`, packageManager: "dnf" })
    .returning({ id: packages.id });
  if (!p3) throw new Error("insert failed");
  const base = { packageId: p3.id, currentVersion: "2.0" };
  await getDb()
    .insert(hostPackages)
    .values([
      { ...base, hostId: fleet.hosts.inA },
      {
        ...base,
        hostId: fleet.hosts.inB,
        availableVersion: "2.1",
        needsUpdate: true,
        isSecurityUpdate: false,
      },
      {
        ...base,
        hostId: fleet.hosts.inAC,
        availableVersion: "2.1",
        needsUpdate: true,
        isSecurityUpdate: true,
        firstSeenAt: new Date("2026-01-02T00:00:00Z"),
      },
    ]);
  return { ...fleet, p3: p3.id };
}

const counts = (row: { name: string; hostCount: number; updateCount: number; securityCount: number }) =>
  `${row.name.split("-").pop()}:${row.hostCount}/${row.updateCount}/${row.securityCount}`;

describe("packages pages", () => {
  useMigratedDatabase();

  it("counts hosts, pending and security per package for the whole fleet", async () => {
    const fleet = await packagesFleet();
    const { actor } = await signedInUser("admin");
    const page = await listPackagesFor(actor, { search: fleet.tag });
    expect(page.total).toBe(3);
    expect(page.rows.map(counts)).toEqual(["p1:1/1/1", "p2:1/1/0", "p3:3/2/1"]);
    expect(page.rows[2]?.packageManager).toBe("dnf");
  });

  it("a scoped user's counts include only hosts in its scope; packages only outside it are hidden", async () => {
    const fleet = await packagesFleet();
    const { actor } = await userWithScope(await scopedRole([fleet.groups.a]));
    const page = await listPackagesFor(actor, { search: fleet.tag });
    expect(page.rows.map(counts)).toEqual(["p1:1/1/1", "p3:2/1/1"]);
    expect(page.total).toBe(2);
    const p2 = (await listPackagesFor((await signedInUser("admin")).actor, { search: `${fleet.tag}-p2` }))
      .rows[0];
    await expect(getPackageFor(actor, p2?.id ?? "")).rejects.toThrow(NotFoundError);
    const hosts = await listPackageHostsFor(actor, fleet.p3);
    expect(hosts.rows.map((row) => row.hostId).sort()).toEqual([fleet.hosts.inA, fleet.hosts.inAC].sort());
  });

  it("offers a scoped user the package managers of its hosts only", async () => {
    const fleet = await createFleet();
    // Hosts report through ingestion, so each host's rows come from the one manager it names.
    const list = [{ name: `${fleet.tag}-tool`, currentVersion: "1", needsUpdate: false }];
    const send = (hostId: string, packageManager: string) =>
      ingestReport({
        hostId,
        report: agentReportSchema.parse({ packages: list, packageManager }),
        payloadBytes: 1,
      });
    await send(fleet.hosts.inA, "apk");
    await send(fleet.hosts.inAC, "apk");
    await send(fleet.hosts.inB, "pacman");
    const { actor: scoped } = await userWithScope(await scopedRole([fleet.groups.a]));
    expect(await listPackageManagersFor(scoped)).toEqual(["apk"]);
    const { actor: admin } = await signedInUser("admin");
    expect(await listPackageManagersFor(admin)).toEqual(expect.arrayContaining(["apk", "pacman"]));
  });

  it("filters by needs update, security, package manager, host and group", async () => {
    const fleet = await packagesFleet();
    const { actor } = await signedInUser("admin");
    const names = async (input: Record<string, string>) =>
      (await listPackagesFor(actor, { search: fleet.tag, ...input })).rows.map(counts);
    expect(await names({ updates: "1" })).toEqual(["p1:1/1/1", "p2:1/1/0", "p3:3/2/1"]);
    expect(await names({ security: "1" })).toEqual(["p1:1/1/1", "p3:3/2/1"]);
    expect(await names({ pm: "dnf" })).toEqual(["p3:3/2/1"]);
    // Host and group filters also narrow the counts to those hosts.
    expect(await names({ host: fleet.hosts.inB })).toEqual(["p2:1/1/0", "p3:1/1/0"]);
    expect(await names({ group: fleet.groups.c })).toEqual(["p3:1/1/1"]);
    expect(await names({ group: fleet.groups.a, updates: "1" })).toEqual(["p1:1/1/1", "p3:2/1/1"]);
  });

  it("sorts by each count and pages with a stable total", async () => {
    const fleet = await packagesFleet();
    const { actor } = await signedInUser("admin");
    const order = async (sort: string, dir = "desc") =>
      (await listPackagesFor(actor, { search: fleet.tag, sort: sort as "hosts", order: dir as "desc" })).rows
        .map(counts)
        .join(" ");
    expect(await order("hosts")).toBe("p3:3/2/1 p1:1/1/1 p2:1/1/0");
    expect(await order("updates")).toBe("p3:3/2/1 p1:1/1/1 p2:1/1/0");
    expect(await order("security", "asc")).toBe("p2:1/1/0 p1:1/1/1 p3:3/2/1");
    expect(await order("name", "desc")).toBe("p3:3/2/1 p2:1/1/0 p1:1/1/1");
    const second = await listPackagesFor(actor, { search: fleet.tag, pageSize: 2, page: 2 });
    expect(second.total).toBe(3);
    expect(second.rows.map(counts)).toEqual(["p3:3/2/1"]);
  });

  it("package detail: hosts with versions and pending since, security first, filters and paging", async () => {
    const fleet = await packagesFleet();
    const { actor } = await signedInUser("admin");
    const summary = await getPackageFor(actor, fleet.p3);
    expect(summary).toMatchObject({ hostCount: 3, updateCount: 2, securityCount: 1 });
    const all = await listPackageHostsFor(actor, fleet.p3);
    expect(all.total).toBe(3);
    expect(all.rows.map((row) => row.hostId)).toEqual([fleet.hosts.inAC, fleet.hosts.inB, fleet.hosts.inA]);
    expect(all.rows[0]).toMatchObject({
      currentVersion: "2.0",
      availableVersion: "2.1",
      isSecurityUpdate: true,
    });
    expect(new Date(all.rows[0]?.pendingSince ?? 0).toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect((await listPackageHostsFor(actor, fleet.p3, { updates: "1" })).total).toBe(2);
    expect((await listPackageHostsFor(actor, fleet.p3, { security: "1" })).rows.map((r) => r.hostId)).toEqual(
      [fleet.hosts.inAC],
    );
    const paged = await listPackageHostsFor(actor, fleet.p3, { pageSize: 1, page: 3 });
    expect(paged.rows.map((row) => row.hostId)).toEqual([fleet.hosts.inA]);
    await expect(getPackageFor(actor, "nope")).rejects.toThrow(NotFoundError);
  });

  it("refuses users without can_view_packages, and exports without can_export_data", async () => {
    const fleet = await packagesFleet();
    const { actor: admin } = await signedInUser("admin");
    const exported = [];
    for await (const row of await exportPackagesFor(admin, { search: fleet.tag, security: "1" }))
      exported.push(row.name);
    expect(exported).toEqual([`${fleet.tag}-p1`, `${fleet.tag}-p3`]);
    const hostRows = [];
    for await (const row of (await exportHostPackagesFor(admin, fleet.hosts.inB)).rows)
      hostRows.push(row.name);
    expect(hostRows.sort()).toEqual([`${fleet.tag}-p2`, `${fleet.tag}-p3`]);

    const { actor: scoped } = await userWithScope(await scopedRole([fleet.groups.a]));
    // The scoped role has no export permission; and host B lies outside its scope anyway.
    await expect(exportPackagesFor(scoped, {})).rejects.toThrow(PermissionError);
    const { actor: user } = await userWithScope(await scopedRole([]));
    const permissions = new Set([...user.permissions].filter((p) => p !== "can_view_packages"));
    const noPackages = { actor: { ...user, permissions } };
    await expect(listPackagesFor(noPackages.actor)).rejects.toThrow(PermissionError);
    await expect(getPackageFor(noPackages.actor, fleet.p3)).rejects.toThrow(PermissionError);
  });

  it("CSV exports: filtered fleet packages, one host's packages, 401/403/404", async () => {
    const fleet = await packagesFleet();
    const admin = await signedInUser("admin");
    const get = async (who: TestUser | null, url: string) => {
      const headers = new Headers();
      if (who) headers.set("cookie", await sessionCookie(who.actor.sessionId, who.userId));
      return new Request(`http://localhost:3000/api/v1${url}`, { headers });
    };
    const fleetCsv = await callRoute(
      exportPackages,
      await get(admin, `/packages/export?q=${fleet.tag}&security=1`),
    );
    expect(fleetCsv.status).toBe(200);
    expect(fleetCsv.headers.get("content-type")).toContain("text/csv");
    expect((await fleetCsv.text()).trim().split("\r\n")).toEqual([
      "name,package_manager,hosts,hosts_needing_update,security_updates,description",
      `${fleet.tag}-p1,apt,1,1,1,`,
      `${fleet.tag}-p3,dnf,3,2,1,`,
    ]);
    const withId = (id: string) => ({ params: Promise.resolve({ id }) });
    const hostCsv = await callRoute(
      exportHostPackages,
      await get(admin, `/hosts/${fleet.hosts.inAC}/packages/export`),
      withId(fleet.hosts.inAC),
    );
    expect((await hostCsv.text()).trim().split("\r\n")).toEqual([
      "name,package_manager,installed_version,available_version,needs_update,security_update,pending_since",
      `${fleet.tag}-p3,dnf,2.0,2.1,true,true,2026-01-02T00:00:00.000Z`,
    ]);
    expect((await callRoute(exportPackages, await get(null, "/packages/export"))).status).toBe(401);
    const scoped = await userWithScope(await scopedRole([fleet.groups.a]));
    expect((await callRoute(exportPackages, await get(scoped, "/packages/export"))).status).toBe(403);
    const missing = await callRoute(
      exportHostPackages,
      await get(admin, "/hosts/nope/packages/export"),
      withId("nope"),
    );
    expect(missing.status).toBe(404);
  });
});
