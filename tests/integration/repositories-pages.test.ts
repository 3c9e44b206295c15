// Repositories pages through their service and the CSV route: host counts over the viewer's
// scope, filters, paging, detail hosts, refusals.
import "next/dist/server/node-environment-baseline.js";
import { describe, expect, it } from "vitest";
import { GET as exportRepositories } from "@/app/api/v1/repositories/export/route";
import { getDb } from "@/db/client";
import { hostRepositories, repositories } from "@/db/schema";
import { NotFoundError, PermissionError } from "@/lib/errors";
import { getRepositoryFor, listRepositoriesFor, listRepositoryHostsFor } from "@/lib/repositories/service";
import { signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { callRoute, sessionCookie } from "../support/route-session";
import { createFleet, type Fleet, scopedRole, userWithScope } from "./host-scope-support";

/**
 * The host-scope fleet (r1 https on inA, r2 https on inB) plus r3, plain http rpm, disabled on inA
 * and enabled on inAC, and r4, disabled on inB only.
 */
async function repoFleet(): Promise<Fleet & { r3: string; r4: string }> {
  const fleet = await createFleet();
  const [r3, r4] = await getDb()
    .insert(repositories)
    .values([
      { name: `${fleet.tag}-r3`, url: `http://rpm.example.com/${fleet.tag}`, repoType: "rpm" as const },
      {
        name: `${fleet.tag}-r4`,
        url: `https://deb.example.com/${fleet.tag}/4`,
        repoType: "deb" as const,
        isSecure: true,
      },
    ])
    .returning({ id: repositories.id });
  if (!r3 || !r4) throw new Error("insert failed");
  await getDb()
    .insert(hostRepositories)
    .values([
      { hostId: fleet.hosts.inA, repositoryId: r3.id, isEnabled: false },
      { hostId: fleet.hosts.inAC, repositoryId: r3.id },
      { hostId: fleet.hosts.inB, repositoryId: r4.id, isEnabled: false },
    ]);
  return { ...fleet, r3: r3.id, r4: r4.id };
}

const summary = (row: { name: string; hostCount: number; enabledHostCount: number }) =>
  `${row.name.split("-").pop()}:${row.hostCount}/${row.enabledHostCount}`;

describe("repositories pages", () => {
  useMigratedDatabase();

  it("lists repositories with host counts, filtered by type, secure and enabled", async () => {
    const fleet = await repoFleet();
    const { actor } = await signedInUser("admin");
    const names = async (input: Record<string, string> = {}) =>
      (await listRepositoriesFor(actor, { search: fleet.tag, ...input })).rows.map(summary);
    expect(await names()).toEqual(["r1:1/1", "r2:1/1", "r3:2/1", "r4:1/0"]);
    expect(await names({ type: "rpm" })).toEqual(["r3:2/1"]);
    // is_secure is what ingestion decided, not the URL: the fixture's r1/r2 are stored as not secure.
    expect(await names({ secure: "no" })).toEqual(["r1:1/1", "r2:1/1", "r3:2/1"]);
    expect(await names({ secure: "yes" })).toEqual(["r4:1/0"]);
    expect(await names({ enabled: "no" })).toEqual(["r4:1/0"]);
    expect(await names({ enabled: "yes" })).toEqual(["r1:1/1", "r2:1/1", "r3:2/1"]);
    expect(await names({ sort: "hosts", order: "desc" })).toEqual(["r3:2/1", "r1:1/1", "r2:1/1", "r4:1/0"]);
    const page = await listRepositoriesFor(actor, { search: fleet.tag, pageSize: 3, page: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map(summary)).toEqual(["r4:1/0"]);
  });

  it("a scoped user counts only its hosts and cannot see repositories used only outside its scope", async () => {
    const fleet = await repoFleet();
    const { actor } = await userWithScope(await scopedRole([fleet.groups.a]));
    const page = await listRepositoriesFor(actor, { search: fleet.tag });
    expect(page.rows.map(summary)).toEqual(["r1:1/1", "r3:2/1"]);
    expect(page.total).toBe(2);
    await expect(getRepositoryFor(actor, fleet.r4)).rejects.toThrow(NotFoundError);
    const { actor: onlyC } = await userWithScope(await scopedRole([fleet.groups.c]));
    expect((await getRepositoryFor(onlyC, fleet.r3)).hostCount).toBe(1);
    const hosts = await listRepositoryHostsFor(onlyC, fleet.r3);
    expect(hosts.rows.map((row) => row.hostId)).toEqual([fleet.hosts.inAC]);
  });

  it("detail lists the hosts using it with their enabled state, paginated", async () => {
    const fleet = await repoFleet();
    const { actor } = await signedInUser("admin");
    const repo = await getRepositoryFor(actor, fleet.r3);
    expect(repo).toMatchObject({ repoType: "rpm", isSecure: false, hostCount: 2, enabledHostCount: 1 });
    const first = await listRepositoryHostsFor(actor, fleet.r3, { pageSize: 1 });
    expect(first.total).toBe(2);
    expect(first.rows.map((row) => [row.hostId, row.isEnabled])).toEqual([[fleet.hosts.inA, false]]);
    const second = await listRepositoryHostsFor(actor, fleet.r3, { pageSize: 1, page: 2 });
    expect(second.rows.map((row) => [row.hostId, row.isEnabled])).toEqual([[fleet.hosts.inAC, true]]);
    await expect(getRepositoryFor(actor, "nope")).rejects.toThrow(NotFoundError);
  });

  it("refuses users without can_view_hosts; the CSV export is filtered, scoped and permission-checked", async () => {
    const fleet = await repoFleet();
    const { actor: user } = await signedInUser("admin");
    const blind = {
      ...user,
      permissions: new Set([...user.permissions].filter((p) => p !== "can_view_hosts")),
    };
    await expect(listRepositoriesFor(blind)).rejects.toThrow(PermissionError);
    await expect(getRepositoryFor(blind, fleet.r3)).rejects.toThrow(PermissionError);

    const get = async (who: TestUser | null, query: string) => {
      const headers = new Headers();
      if (who) headers.set("cookie", await sessionCookie(who.actor.sessionId, who.userId));
      return new Request(`http://localhost:3000/api/v1/repositories/export${query}`, { headers });
    };
    const admin = await signedInUser("admin");
    const csv = await callRoute(exportRepositories, await get(admin, `?q=${fleet.tag}&type=rpm`));
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split("\r\n")).toEqual([
      "name,type,url,distribution,components,secure,hosts,enabled_on_hosts",
      `${fleet.tag}-r3,rpm,http://rpm.example.com/${fleet.tag},,,false,2,1`,
    ]);
    expect((await callRoute(exportRepositories, await get(null, ""))).status).toBe(401);
    const scoped = await userWithScope(await scopedRole([fleet.groups.a]));
    expect((await callRoute(exportRepositories, await get(scoped, ""))).status).toBe(403);
    expect((await callRoute(exportRepositories, await get(admin, "?type=bogus"))).status).toBe(400);
  });
});
