// A small fleet in three host groups, plus users whose role and/or own host-group scope restrict
// them to some of it. Names carry a random tag so a search isolates this file's hosts from other
// files' rows in the shared database; scoped counts are exact because only these groups are in scope.
import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import {
  hostGroupMemberships,
  hostGroups,
  hostPackages,
  hostRepositories,
  hosts,
  packages,
  repositories,
  roleHostGroups,
  roles,
  userHostGroups,
} from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { signedInUser, type TestUser } from "../support/actors";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

export type Fleet = {
  tag: string;
  groups: { a: string; b: string; c: string };
  /** inA: group A; inB: group B; inAC: groups A and C; ungrouped: no group. */
  hosts: { inA: string; inB: string; inAC: string; ungrouped: string };
};

async function addHost(
  friendlyName: string,
  groupIds: string[],
  values: Partial<typeof hosts.$inferInsert> = {},
) {
  const db = getDb();
  const [host] = await db
    .insert(hosts)
    .values({ apiId: `patchmon_${hex(8)}`, apiKeyHash: hex(32), friendlyName, ...values })
    .returning({ id: hosts.id });
  if (!host) throw new Error("host insert failed");
  if (groupIds.length > 0) {
    await db
      .insert(hostGroupMemberships)
      .values(groupIds.map((hostGroupId) => ({ hostId: host.id, hostGroupId })));
  }
  return host.id;
}

/**
 * inA: active, one pending security update (P1), repository R1. inB: active, one pending update
 * (P2), repository R2. inAC and ungrouped: pending, nothing installed.
 */
export async function createFleet(): Promise<Fleet> {
  const db = getDb();
  const tag = `scope${hex(4)}`;
  const made = await db
    .insert(hostGroups)
    .values(["a", "b", "c"].map((letter) => ({ name: `${tag}-group-${letter}` })))
    .returning({ id: hostGroups.id, name: hostGroups.name });
  const id = (letter: string) => made.find((g) => g.name.endsWith(`-${letter}`))?.id ?? "";
  const groups = { a: id("a"), b: id("b"), c: id("c") };
  const active = { status: "active" as const, updatesCount: 1, lastReportStatus: "success" as const };
  const fleet: Fleet = {
    tag,
    groups,
    hosts: {
      inA: await addHost(`${tag}-in-a`, [groups.a], { ...active, securityUpdatesCount: 1 }),
      inB: await addHost(`${tag}-in-b`, [groups.b], active),
      inAC: await addHost(`${tag}-in-ac`, [groups.a, groups.c]),
      ungrouped: await addHost(`${tag}-ungrouped`, []),
    },
  };
  const [p1, p2] = await db
    .insert(packages)
    .values([
      { name: `${tag}-p1`, packageManager: "apt" },
      { name: `${tag}-p2`, packageManager: "apt" },
    ])
    .returning({ id: packages.id });
  if (!p1 || !p2) throw new Error("package insert failed");
  const pending = { currentVersion: "1.0", availableVersion: "1.1", needsUpdate: true };
  await db.insert(hostPackages).values([
    { hostId: fleet.hosts.inA, packageId: p1.id, ...pending, isSecurityUpdate: true },
    { hostId: fleet.hosts.inB, packageId: p2.id, ...pending, isSecurityUpdate: false },
  ]);
  const repo = (n: number) => ({
    name: `${tag}-r${n}`,
    url: `https://deb.example.com/${tag}/${n}`,
    repoType: "deb" as const,
  });
  const [r1, r2] = await db
    .insert(repositories)
    .values([repo(1), repo(2)])
    .returning({ id: repositories.id });
  if (!r1 || !r2) throw new Error("repository insert failed");
  await db.insert(hostRepositories).values([
    { hostId: fleet.hosts.inA, repositoryId: r1.id },
    { hostId: fleet.hosts.inB, repositoryId: r2.id },
  ]);
  return fleet;
}

/** A custom role with host_manager's flags, scoped to `groupIds`. */
export async function scopedRole(groupIds: string[]): Promise<string> {
  const name = `scoped ${hex(4)}`;
  const [role] = await getDb()
    .insert(roles)
    .values({
      name,
      canViewDashboard: true,
      canViewHosts: true,
      canManageHosts: true,
      canViewPackages: true,
      canViewReports: true,
    })
    .returning({ id: roles.id });
  if (!role) throw new Error("role insert failed");
  if (groupIds.length > 0) {
    await getDb()
      .insert(roleHostGroups)
      .values(groupIds.map((hostGroupId) => ({ roleId: role.id, hostGroupId })));
  }
  return name;
}

/** A signed-in user of `roleName` whose own scope is `userGroupIds`, loaded as the guard loads it. */
export async function userWithScope(roleName: string, userGroupIds: string[] = []): Promise<TestUser> {
  const user = await signedInUser(roleName);
  if (userGroupIds.length === 0) return user;
  await getDb()
    .insert(userHostGroups)
    .values(userGroupIds.map((hostGroupId) => ({ userId: user.userId, hostGroupId })));
  const actor = await loadActor(user.actor.sessionId);
  if (!actor) throw new Error("session did not reload");
  return { ...user, actor };
}
