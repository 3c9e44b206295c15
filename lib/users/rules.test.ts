import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { PermissionError, ServiceError } from "@/lib/errors";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import {
  type AdministeredUser,
  activeSuperusersAfterRemoving,
  assertMayAdministerUser,
  assertMayGrant,
  assertNotSelf,
  assertScopeWithin,
  assertSuperuserRemains,
} from "./rules";
import { createUserSchema, listUsersSchema, updateUserSchema } from "./schemas";

function actorWith(permissions: readonly Permission[], scope: string[] | null = null): Actor {
  return {
    userId: "u-1",
    sessionId: "s-1",
    username: "alice",
    email: "alice@example.com",
    firstName: null,
    lastName: null,
    displayName: "alice",
    roleId: "r-1",
    roleName: "custom",
    isSuperuser: permissions.includes("can_manage_superusers"),
    permissions: new Set(permissions),
    hostGroupScope: scope,
    themePreference: "system",
    tfaEnabled: false,
  };
}

function account(overrides: Partial<AdministeredUser> = {}): AdministeredUser {
  return {
    roleIsSuperuser: false,
    rolePermissions: ["can_view_hosts"],
    roleHostGroupIds: [],
    hostGroupIds: [],
    ...overrides,
  };
}

const adminPermissions = PERMISSIONS.filter((p) => p !== "can_manage_superusers");
const admin = actorWith(adminPermissions);
const superadmin = actorWith(PERMISSIONS);

describe("user administration rules", () => {
  it("lets only superusers administer a superuser account", () => {
    expect(() => assertMayAdministerUser(admin, account({ roleIsSuperuser: true }))).toThrow(PermissionError);
    expect(() => assertMayAdministerUser(admin, account({ roleIsSuperuser: false }))).not.toThrow();
    expect(() => assertMayAdministerUser(superadmin, account({ roleIsSuperuser: true }))).not.toThrow();
  });

  it("lets a user manager administer only accounts that can do no more than it, inside its scope", () => {
    const helpdesk = actorWith(["can_view_users", "can_manage_users", "can_view_hosts"]);
    const adminAccount = account({ rolePermissions: adminPermissions });
    expect(() => assertMayAdministerUser(helpdesk, adminAccount)).toThrow(PermissionError);
    expect(() => assertMayAdministerUser(helpdesk, account())).not.toThrow();
    expect(() => assertMayAdministerUser(admin, adminAccount)).not.toThrow();

    const scoped = actorWith(["can_manage_users", "can_view_hosts"], ["g-a"]);
    expect(() => assertMayAdministerUser(scoped, account())).toThrow(PermissionError);
    expect(() => assertMayAdministerUser(scoped, account({ hostGroupIds: ["g-a"] }))).not.toThrow();
    expect(() => assertMayAdministerUser(scoped, account({ roleHostGroupIds: ["g-a", "g-b"] }))).toThrow(
      PermissionError,
    );
  });

  it("grants only what the actor holds, and superuser power only from a superuser", () => {
    expect(() => assertMayGrant(admin, PERMISSIONS)).toThrow(/superadmin/);
    expect(() => assertMayGrant(admin, adminPermissions)).not.toThrow();
    const userManager = actorWith(["can_view_users", "can_manage_users"]);
    expect(() => assertMayGrant(userManager, ["can_manage_settings"])).toThrow(/Manage settings/);
    expect(() => assertMayGrant(userManager, ["can_view_users"])).not.toThrow();
  });

  it("keeps a host-group-limited actor inside its groups, and never hands out the whole fleet", () => {
    const scoped = actorWith(adminPermissions, ["g1", "g2"]);
    expect(() => assertScopeWithin(scoped, ["g1"])).not.toThrow();
    expect(() => assertScopeWithin(scoped, ["g3"])).toThrow(PermissionError);
    expect(() => assertScopeWithin(scoped, [])).toThrow(PermissionError);
    expect(() => assertScopeWithin(admin, [])).not.toThrow();
  });

  it("refuses self-service through the admin paths and the removal of the last superuser", () => {
    expect(() => assertNotSelf(admin, "u-1", "no")).toThrow(ServiceError);
    expect(() => assertNotSelf(admin, "u-2", "no")).not.toThrow();
    expect(activeSuperusersAfterRemoving(["a", "b"], "a")).toEqual(["b"]);
    expect(() => assertSuperuserRemains(activeSuperusersAfterRemoving(["a"], "a"))).toThrow(/last active/);
    expect(() => assertSuperuserRemains(activeSuperusersAfterRemoving(["a"], "b"))).not.toThrow();
  });
});

describe("user schemas", () => {
  it("reads form lists, trims names and lowercases usernames", () => {
    const parsed = createUserSchema.safeParse({
      username: "Bob.Smith",
      email: " bob@example.com ",
      firstName: "",
      roleId: "7f1c1d1e-8d0a-4c9b-9a65-0a8f8e2b1c3d",
      password: "Correct-Horse-9",
      hostGroupIds: "7f1c1d1e-8d0a-4c9b-9a65-0a8f8e2b1c3e",
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ username: "bob.smith", email: "bob@example.com", firstName: null });
    expect(parsed.data?.hostGroupIds).toEqual(["7f1c1d1e-8d0a-4c9b-9a65-0a8f8e2b1c3e"]);
  });

  it("leaves absent fields out of an edit and defaults bad paging", () => {
    expect(updateUserSchema.parse({ firstName: "Ann" })).toEqual({ firstName: "Ann" });
    expect(listUsersSchema.parse({ page: "x", pageSize: "1000", status: "all" })).toEqual({
      page: 1,
      pageSize: 25,
      search: undefined,
      roleId: undefined,
      status: undefined,
    });
  });
});
