// For every built-in role, every user, role, audit and profile service: allowed exactly when the
// role's flags say so (the table below is written out, not read from the database, so a wrong seed
// or a missing check fails here).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { PermissionError } from "@/lib/errors";
import { getMyProfile, updateProfile } from "@/lib/profile/account";
import { listMyDevices, listMySessions, revokeMyOtherSessions } from "@/lib/profile/sessions";
import { createRole, deleteRole, getRole, listRoles, updateRole } from "@/lib/roles/service";
import { resetUserPassword, resetUserTfa, unlockUserAccount } from "@/lib/users/account";
import { listAuditLog } from "@/lib/users/audit-log";
import { deleteUser, setUserActive } from "@/lib/users/lifecycle";
import { createUser, getUser, listUsers, updateUser } from "@/lib/users/service";
import { BUILTIN_ROLES, signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";

type Expectation = { view: boolean; manage: boolean; superusers: boolean; audit: boolean };
const EXPECTED: Record<(typeof BUILTIN_ROLES)[number], Expectation> = {
  superadmin: { view: true, manage: true, superusers: true, audit: true },
  admin: { view: true, manage: true, superusers: false, audit: true },
  host_manager: { view: false, manage: false, superusers: false, audit: false },
  user: { view: false, manage: false, superusers: false, audit: false },
  readonly: { view: false, manage: false, superusers: false, audit: false },
};

async function outcome(work: () => Promise<unknown>): Promise<"allow" | "deny"> {
  try {
    await work();
    return "allow";
  } catch (error) {
    if (error instanceof PermissionError) return "deny";
    throw error;
  }
}

const expectAllowed = async (allowed: boolean, work: () => Promise<unknown>) =>
  expect(await outcome(work)).toBe(allowed ? "allow" : "deny");

describe("RBAC matrix of users, roles, audit and profile services", () => {
  useMigratedDatabase();

  let root: TestUser;
  let roleIds: Record<string, string>;
  const PASSWORD = "Fresh-Password-42";

  beforeAll(async () => {
    root = await signedInUser("superadmin");
    roleIds = Object.fromEntries((await listRoles(root.actor)).map((role) => [role.name, role.id]));
  });

  const newUserInput = (role: string) => {
    const username = `new-${randomUUID().slice(0, 8)}`;
    return { username, email: `${username}@example.com`, roleId: roleIds[role], password: PASSWORD };
  };

  const customRole = () =>
    createRole(root.actor, { name: `custom ${randomUUID().slice(0, 8)}`, permissions: ["can_view_hosts"] });

  describe.each(BUILTIN_ROLES)("role %s", (roleName) => {
    const can = EXPECTED[roleName];
    let me: TestUser;
    beforeAll(async () => {
      me = await signedInUser(roleName);
    });

    it("reads users, roles and the audit log only with the view and manage flags", async () => {
      const { userId } = await signedInUser("user");
      await expectAllowed(can.view, () => listUsers(me.actor, {}));
      await expectAllowed(can.view, () => getUser(me.actor, userId));
      await expectAllowed(can.view, () => listRoles(me.actor));
      await expectAllowed(can.view, () => getRole(me.actor, roleIds.user as string));
      await expectAllowed(can.audit, () => listAuditLog(me.actor, {}));
    });

    it("administers ordinary accounts only with can_manage_users", async () => {
      await expectAllowed(can.manage, () => createUser(me.actor, newUserInput("user")));
      const target = await signedInUser("user");
      await expectAllowed(can.manage, () => updateUser(me.actor, target.userId, { firstName: "Changed" }));
      await expectAllowed(can.manage, () =>
        updateUser(me.actor, target.userId, { roleId: roleIds.readonly }),
      );
      await expectAllowed(can.manage, () => setUserActive(me.actor, target.userId, false));
      await expectAllowed(can.manage, () => setUserActive(me.actor, target.userId, true));
      await expectAllowed(can.manage, () =>
        resetUserPassword(me.actor, target.userId, { password: PASSWORD }),
      );
      await expectAllowed(can.manage, () => unlockUserAccount(me.actor, target.userId));
      await expectAllowed(can.manage, () => resetUserTfa(me.actor, target.userId));
      await expectAllowed(can.manage, () =>
        deleteUser(me.actor, target.userId, { confirm: target.username }),
      );
    });

    it("manages custom roles only with can_manage_users", async () => {
      await expectAllowed(can.manage, () =>
        createRole(me.actor, { name: `mine ${randomUUID().slice(0, 8)}`, permissions: ["can_view_hosts"] }),
      );
      const role = await customRole();
      await expectAllowed(can.manage, () => updateRole(me.actor, role.id, { description: "edited" }));
      await expectAllowed(can.manage, () => deleteRole(me.actor, role.id));
    });

    it("touches superadmin accounts and superuser power only with can_manage_superusers", async () => {
      await expectAllowed(can.superusers, () => createUser(me.actor, newUserInput("superadmin")));
      await expectAllowed(can.superusers, () =>
        createRole(me.actor, {
          name: `su ${randomUUID().slice(0, 8)}`,
          permissions: ["can_manage_users", "can_manage_superusers"],
        }),
      );
      const promoted = await signedInUser("user");
      await expectAllowed(can.superusers, () =>
        updateUser(me.actor, promoted.userId, { roleId: roleIds.superadmin }),
      );
      const su = await signedInUser("superadmin");
      await expectAllowed(can.superusers, () => updateUser(me.actor, su.userId, { lastName: "Edited" }));
      await expectAllowed(can.superusers, () =>
        resetUserPassword(me.actor, su.userId, { password: PASSWORD }),
      );
      await expectAllowed(can.superusers, () => unlockUserAccount(me.actor, su.userId));
      await expectAllowed(can.superusers, () => resetUserTfa(me.actor, su.userId));
      await expectAllowed(can.superusers, () => setUserActive(me.actor, su.userId, false));
      await expectAllowed(can.superusers, () => deleteUser(me.actor, su.userId, { confirm: su.username }));
    });

    it("uses its own profile and sessions whatever its role", async () => {
      await expectAllowed(true, () => getMyProfile(me.actor));
      await expectAllowed(true, () =>
        updateProfile(me.actor, {
          firstName: "Me",
          lastName: null,
          email: me.email,
          themePreference: "dark",
        }),
      );
      await expectAllowed(true, () => listMySessions(me.actor));
      await expectAllowed(true, () => listMyDevices(me.actor));
      await expectAllowed(true, () => revokeMyOtherSessions(me.actor));
    });
  });
});
