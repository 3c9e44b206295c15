// The rules that keep the system administrable: no self-removal, and never zero active superadmins,
// not even when two superadmins demote each other at the same moment.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { roles, sessions, users } from "@/db/schema";
import { PermissionError, ServiceError } from "@/lib/errors";
import { createRole, listRoles, updateRole } from "@/lib/roles/service";
import { resetUserPassword } from "@/lib/users/account";
import { listAuditLog } from "@/lib/users/audit-log";
import { deleteUser, setUserActive } from "@/lib/users/lifecycle";
import { createUser, updateUser } from "@/lib/users/service";
import { signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";

describe("superadmin protection", () => {
  useMigratedDatabase();

  let roleIds: Record<string, string>;
  let parked: string[] = [];

  /** Leaves exactly `keep` as the active superusers (other files' superadmins are parked, then restored). */
  async function onlySuperusers(keep: TestUser[]) {
    const db = getDb();
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(and(eq(users.isActive, true), eq(roles.canManageSuperusers, true)));
    const others = rows.map((row) => row.id).filter((id) => !keep.some((user) => user.userId === id));
    if (others.length > 0) await db.update(users).set({ isActive: false }).where(inArray(users.id, others));
    parked.push(...others);
  }

  async function activeSuperusers(ids: string[]) {
    const rows = await getDb()
      .select({ id: users.id })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(and(inArray(users.id, ids), eq(users.isActive, true), eq(roles.canManageSuperusers, true)));
    return rows.length;
  }

  beforeAll(async () => {
    const root = await signedInUser("superadmin");
    roleIds = Object.fromEntries((await listRoles(root.actor)).map((role) => [role.name, role.id]));
  });

  afterAll(async () => {
    if (parked.length > 0)
      await getDb().update(users).set({ isActive: true }).where(inArray(users.id, parked));
    parked = [];
  });

  it("refuses deleting, disabling or re-roling oneself", async () => {
    const me = await signedInUser("admin");
    await expect(deleteUser(me.actor, me.userId, { confirm: me.username })).rejects.toThrow(
      /your own account/,
    );
    await expect(setUserActive(me.actor, me.userId, false)).rejects.toThrow(/your own account/);
    await expect(updateUser(me.actor, me.userId, { roleId: roleIds.user })).rejects.toThrow(/your own role/);
    await expect(resetUserPassword(me.actor, me.userId, { password: "Fresh-Password-42" })).rejects.toThrow(
      ServiceError,
    );
  });

  it("stops an admin at every superadmin door", async () => {
    const admin = await signedInUser("admin");
    const su = await signedInUser("superadmin");
    const input = {
      username: `x-${Date.now()}`,
      email: `x-${Date.now()}@example.com`,
      password: "Fresh-Password-42",
    };
    await expect(createUser(admin.actor, { ...input, roleId: roleIds.superadmin })).rejects.toThrow(
      PermissionError,
    );
    await expect(updateUser(admin.actor, su.userId, { roleId: roleIds.admin })).rejects.toThrow(
      PermissionError,
    );
    await expect(deleteUser(admin.actor, su.userId, { confirm: su.username })).rejects.toThrow(
      PermissionError,
    );
    const role = await createRole(su.actor, {
      name: `su-${Date.now()}`,
      permissions: ["can_manage_users", "can_manage_superusers"],
    });
    await expect(updateRole(admin.actor, role.id, { description: "mine now" })).rejects.toThrow(
      PermissionError,
    );
  });

  it("never removes the last active superadmin, by delete, disable or demotion", async () => {
    const last = await signedInUser("superadmin");
    // A superadmin whose account has just been disabled still holds a loaded actor mid-request.
    const stale = await signedInUser("superadmin");
    await onlySuperusers([last]);
    await expect(deleteUser(stale.actor, last.userId, { confirm: last.username })).rejects.toThrow(
      /last active/,
    );
    await expect(setUserActive(stale.actor, last.userId, false)).rejects.toThrow(/last active/);
    await expect(updateUser(stale.actor, last.userId, { roleId: roleIds.admin })).rejects.toThrow(
      /last active/,
    );
    expect(await activeSuperusers([last.userId])).toBe(1);
  });

  it("lets only one of two superadmins demoting each other at once succeed", async () => {
    for (const attempt of ["demote", "disable"] as const) {
      const a = await signedInUser("superadmin");
      const b = await signedInUser("superadmin");
      await onlySuperusers([a, b]);
      const act = (by: TestUser, target: TestUser) =>
        attempt === "demote"
          ? updateUser(by.actor, target.userId, { roleId: roleIds.admin })
          : setUserActive(by.actor, target.userId, false);
      const results = await Promise.allSettled([act(a, b), act(b, a)]);
      const refused = results.filter((result) => result.status === "rejected");
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(ServiceError);
      expect(await activeSuperusers([a.userId, b.userId])).toBe(1);
    }
  });

  it("disabling ends the user's sessions, and every change is in the audit log", async () => {
    const su = await signedInUser("superadmin");
    const target = await signedInUser("user");
    const { revokedSessions } = await setUserActive(su.actor, target.userId, false);
    expect(revokedSessions).toBe(1);
    const live = await getDb()
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.userId, target.userId), isNull(sessions.revokedAt)));
    expect(live).toEqual([]);
    await setUserActive(su.actor, target.userId, true);
    await updateUser(su.actor, target.userId, { roleId: roleIds.readonly, firstName: "Renamed" });
    const log = await listAuditLog(su.actor, { actor: su.username, pageSize: 10 });
    expect(log.rows.map((row) => row.action)).toEqual([
      "user.updated",
      "user.role_changed",
      "user.enabled",
      "user.disabled",
    ]);
    expect(log.rows[1]?.details).toMatchObject({ from: "user", to: "readonly" });
  });
});
