// Host-group scope of roles and users, through the services every page and route uses: a scoped
// user sees only hosts of its groups in lists, details and dashboard counts; a host outside is
// "not found". Role scope and user scope intersect; no scope is the whole fleet.
import { describe, expect, it } from "vitest";
import { observeQueries } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError, PermissionError } from "@/lib/errors";
import {
  createHostFor,
  deleteHostFor,
  getHostFor,
  listHostsFor,
  regenerateCredentialsFor,
} from "@/lib/hosts/service";
import { getFleetOverview } from "@/lib/overview";
import { BUILTIN_ROLES, signedInUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { createFleet, type Fleet, scopedRole, userWithScope } from "./host-scope-support";

let fleet: Fleet;

async function visibleIds(actor: Actor): Promise<string[]> {
  const page = await listHostsFor(actor, { search: fleet.tag, pageSize: 100 });
  expect(page.total).toBe(page.hosts.length);
  return page.hosts.map((host) => host.id).sort();
}

async function expectHidden(actor: Actor, hostId: string) {
  await expect(getHostFor(actor, hostId)).rejects.toThrow(NotFoundError);
}

const sorted = (...ids: string[]) => [...ids].sort();

describe("host-group scope", () => {
  useMigratedDatabase();

  it("a role scoped to group A sees A's hosts only: list, detail, counts", async () => {
    fleet = await createFleet();
    const { actor } = await userWithScope(await scopedRole([fleet.groups.a]));
    expect(actor.hostGroupScope).toEqual([fleet.groups.a]);

    expect(await visibleIds(actor)).toEqual(sorted(fleet.hosts.inA, fleet.hosts.inAC));
    expect((await getHostFor(actor, fleet.hosts.inA)).groups.map((g) => g.id)).toEqual([fleet.groups.a]);
    await expectHidden(actor, fleet.hosts.inB);
    await expectHidden(actor, fleet.hosts.ungrouped);
    // Other filters cannot widen the scope: asking for group B's hosts finds none.
    const byGroupB = await listHostsFor(actor, { group: fleet.groups.b });
    expect(byGroupB).toMatchObject({ total: 0, hosts: [] });

    const overview = await getFleetOverview(actor);
    expect(overview.hosts).toMatchObject({
      total: 2,
      active: 1,
      pending: 1,
      needingUpdates: 1,
      withSecurityUpdates: 1,
    });
    expect(overview).toMatchObject({
      outdatedPackages: 1,
      securityUpdates: 1,
      hostGroups: 1,
      repositories: 1,
      users: null,
    });
  });

  it("a user scoped to group A under an unscoped role sees the same", async () => {
    const { actor } = await userWithScope("host_manager", [fleet.groups.a]);
    expect(await visibleIds(actor)).toEqual(sorted(fleet.hosts.inA, fleet.hosts.inAC));
    await expectHidden(actor, fleet.hosts.inB);
    expect((await getFleetOverview(actor)).hosts.total).toBe(2);
  });

  it("role scope and user scope intersect", async () => {
    const role = await scopedRole([fleet.groups.a, fleet.groups.b]);
    const { actor } = await userWithScope(role, [fleet.groups.b, fleet.groups.c]);
    expect(actor.hostGroupScope).toEqual([fleet.groups.b]);
    expect(await visibleIds(actor)).toEqual([fleet.hosts.inB]);
    await expectHidden(actor, fleet.hosts.inA);
    await expectHidden(actor, fleet.hosts.inAC);
    const overview = await getFleetOverview(actor);
    expect(overview.hosts.total).toBe(1);
    expect(overview).toMatchObject({
      outdatedPackages: 1,
      securityUpdates: 0,
      hostGroups: 1,
      repositories: 1,
    });
  });

  it("scopes that do not intersect see nothing at all", async () => {
    const { actor } = await userWithScope(await scopedRole([fleet.groups.a]), [fleet.groups.b]);
    expect(actor.hostGroupScope).toEqual([]);
    expect(await listHostsFor(actor, {})).toMatchObject({ total: 0, hosts: [] });
    await expectHidden(actor, fleet.hosts.inA);
    await expectHidden(actor, fleet.hosts.inB);
    const overview = await getFleetOverview(actor);
    expect(overview.hosts.total).toBe(0);
    expect(overview).toMatchObject({
      outdatedPackages: 0,
      securityUpdates: 0,
      hostGroups: 0,
      repositories: 0,
    });
  });

  it("no scope is the whole fleet, ungrouped hosts included", async () => {
    const { actor } = await signedInUser("readonly");
    expect(actor.hostGroupScope).toBeNull();
    const all = sorted(...Object.values(fleet.hosts));
    expect(await visibleIds(actor)).toEqual(all);
    await expect(getHostFor(actor, fleet.hosts.inB)).resolves.toMatchObject({ id: fleet.hosts.inB });
    await expect(getHostFor(actor, fleet.hosts.ungrouped)).resolves.toMatchObject({
      id: fleet.hosts.ungrouped,
    });
    const scoped = await getFleetOverview((await userWithScope("readonly", [fleet.groups.a])).actor);
    const whole = await getFleetOverview(actor);
    expect(whole.hosts.total).toBeGreaterThanOrEqual(4);
    expect(whole.hosts.total).toBeGreaterThan(scoped.hosts.total);
  });

  it("the user count is shown only to those who may see users", async () => {
    const admin = await signedInUser("admin");
    expect(typeof (await getFleetOverview(admin.actor)).users).toBe("number");
    expect((await getFleetOverview((await signedInUser("user")).actor)).users).toBeNull();
  });

  it("a malformed id is not found, not an error", async () => {
    const { actor } = await signedInUser("admin");
    for (const id of ["not-a-uuid", "", "1 or 1=1", `${fleet.hosts.inA}x`]) await expectHidden(actor, id);
  });

  it("a list page costs the same statements whatever its size", async () => {
    const { actor } = await userWithScope("readonly", [fleet.groups.a, fleet.groups.c]);
    const count = async (pageSize: number) => {
      const statements: string[] = [];
      const stop = observeQueries((query) => statements.push(query));
      try {
        const page = await listHostsFor(actor, { pageSize });
        expect(page.hosts.length).toBe(Math.min(pageSize, page.total));
        return statements.length;
      } finally {
        stop();
      }
    };
    const small = await count(1);
    expect(small).toBe(2);
    expect(await count(100)).toBe(small);
  });

  it("pages are disjoint, sorted, and report the total", async () => {
    const { actor } = await signedInUser("readonly");
    const first = await listHostsFor(actor, { search: fleet.tag, pageSize: 3, sort: "name" });
    const second = await listHostsFor(actor, { search: fleet.tag, pageSize: 3, page: 2, sort: "name" });
    expect(first.total).toBe(4);
    expect(second.total).toBe(4);
    const names = [...first.hosts, ...second.hosts].map((host) => host.friendlyName);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(4);
    const pendingOnly = await listHostsFor(actor, { search: fleet.tag, status: "pending" });
    expect(pendingOnly.hosts.map((h) => h.id).sort()).toEqual(
      sorted(fleet.hosts.inAC, fleet.hosts.ungrouped),
    );
  });

  it.each(BUILTIN_ROLES)(
    "built-in role %s may view hosts, and manage them only with can_manage_hosts",
    async (role) => {
      const { actor } = await signedInUser(role);
      const manages = ["superadmin", "admin", "host_manager"].includes(role);
      await expect(listHostsFor(actor, { search: fleet.tag })).resolves.toMatchObject({ total: 4 });
      const create = createHostFor(actor, { friendlyName: `${fleet.tag}-by-${role}` });
      if (!manages) {
        await expect(create).rejects.toThrow(PermissionError);
        await expect(regenerateCredentialsFor(actor, fleet.hosts.ungrouped)).rejects.toThrow(PermissionError);
        await expect(deleteHostFor(actor, fleet.hosts.ungrouped)).rejects.toThrow(PermissionError);
        return;
      }
      const { host } = await create;
      await expect(regenerateCredentialsFor(actor, host.id)).resolves.toMatchObject({ apiId: host.apiId });
      await expect(deleteHostFor(actor, host.id)).resolves.toMatchObject({ id: host.id });
      await expectHidden(actor, host.id);
    },
  );
});
