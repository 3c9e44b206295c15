// Roles: list with usage, create/edit/delete custom roles. Built-ins are read-only. Managing roles
// needs can_manage_users (a role decides what users may do); seeing them needs can_view_users.

import { isUniqueViolation } from "@/db/errors";
import {
  countUsersOfRole,
  deleteCustomRole,
  getRoleByNameInsensitive,
  getRoleWithUsage,
  insertRole,
  listRolesWithUsage,
  type RoleFields,
  type RoleWithUsage,
  replaceRoleHostGroups,
  updateCustomRole,
} from "@/db/queries/roles";
import { withTransaction } from "@/db/queries/transaction";
import { lockActiveSuperusers } from "@/db/queries/user-admin";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { NotFoundError, PermissionError, ServiceError } from "@/lib/errors";
import { PERMISSIONS, type Permission, permissionsOfRole, roleColumn } from "@/lib/permissions";
import { auditBy, isUuid, type RequestMeta } from "@/lib/users/context";
import { assertMayGrant, assertScopeWithin, assertSuperuserRemains, SUPERUSER_ONLY } from "@/lib/users/rules";
import { assertHostGroupsExist } from "./host-groups";
import { createRoleSchema, updateRoleSchema } from "./schemas";

export type RoleView = {
  id: string;
  name: string;
  description: string | null;
  isBuiltin: boolean;
  permissions: Permission[];
  hostGroupIds: string[];
  userCount: number;
};

function viewOf(role: RoleWithUsage): RoleView {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    isBuiltin: role.isBuiltin,
    permissions: permissionsOfRole(role),
    hostGroupIds: role.hostGroupIds,
    userCount: role.userCount,
  };
}

function columnsOf(name: string, description: string | null, permissions: readonly Permission[]): RoleFields {
  const fields: Record<string, unknown> = { name, description };
  for (const permission of PERMISSIONS) fields[roleColumn(permission)] = permissions.includes(permission);
  return fields as RoleFields;
}

async function loadRole(roleId: string, tx?: Parameters<typeof getRoleWithUsage>[1], lock = false) {
  const role = isUuid(roleId) ? await getRoleWithUsage(roleId, tx, { lock }) : undefined;
  if (!role) throw new NotFoundError("Role not found.");
  return role;
}

function nameTaken(): never {
  throw new ServiceError("A role with this name exists.", {
    status: 409,
    fieldErrors: { name: ["This name is taken"] },
  });
}

async function assertNameFree(name: string, exceptRoleId: string | null) {
  const existing = await getRoleByNameInsensitive(name);
  if (existing && existing.id !== exceptRoleId) nameTaken();
}

const target = (roleId: string) => ({ type: "role", id: roleId });

export async function listRoles(actor: Actor): Promise<RoleView[]> {
  assertPermission(actor, "can_view_users");
  return (await listRolesWithUsage()).map(viewOf);
}

export async function getRole(actor: Actor, roleId: string): Promise<RoleView> {
  assertPermission(actor, "can_view_users");
  return viewOf(await loadRole(roleId));
}

export async function createRole(actor: Actor, input: unknown, meta: RequestMeta = {}): Promise<RoleView> {
  assertPermission(actor, "can_manage_users");
  const data = createRoleSchema.parse(input);
  assertMayGrant(actor, data.permissions);
  if (data.hostGroupIds.length > 0 || actor.hostGroupScope) assertScopeWithin(actor, data.hostGroupIds);
  await assertHostGroupsExist(data.hostGroupIds);
  await assertNameFree(data.name, null);
  const role = await withTransaction(async (tx) => {
    const row = await insertRole(columnsOf(data.name, data.description, data.permissions), tx);
    await replaceRoleHostGroups(row.id, data.hostGroupIds, tx);
    return row;
  }).catch((error) => (isUniqueViolation(error) ? nameTaken() : Promise.reject(error)));
  await auditBy(actor, meta, {
    action: "role.created",
    target: target(role.id),
    details: { name: data.name, permissions: data.permissions, hostGroupIds: data.hostGroupIds },
  });
  return viewOf(await loadRole(role.id));
}

export async function updateRole(
  actor: Actor,
  roleId: string,
  input: unknown,
  meta: RequestMeta = {},
): Promise<RoleView> {
  assertPermission(actor, "can_manage_users");
  const changes = updateRoleSchema.parse(input);
  if (changes.name) await assertNameFree(changes.name, roleId);
  if (changes.hostGroupIds) await assertHostGroupsExist(changes.hostGroupIds);
  const before = await withTransaction(async (tx) => {
    // Same lock order as the user changes: active superusers first, then the role.
    const superusers = await lockActiveSuperusers(tx);
    const role = await loadRole(roleId, tx, true);
    if (role.isBuiltin) throw new ServiceError("Built-in roles are read-only.", { status: 400 });
    if (role.canManageSuperusers && !actor.permissions.has("can_manage_superusers"))
      throw new PermissionError(SUPERUSER_ONLY);
    const permissions = changes.permissions ?? permissionsOfRole(role);
    assertMayGrant(actor, permissions);
    if (changes.hostGroupIds && (changes.hostGroupIds.length > 0 || actor.hostGroupScope))
      assertScopeWithin(actor, changes.hostGroupIds);
    if (role.id === actor.roleId && changes.permissions)
      throw new ServiceError("You cannot change the permissions of the role you hold.", { status: 400 });
    if (role.canManageSuperusers && !permissions.includes("can_manage_superusers"))
      assertSuperuserRemains(superusers.filter((row) => row.roleId !== roleId).map((row) => row.id));
    const fields = columnsOf(changes.name ?? role.name, changes.description ?? role.description, permissions);
    if (changes.description === null) fields.description = null;
    await updateCustomRole(roleId, fields, tx);
    if (changes.hostGroupIds) await replaceRoleHostGroups(roleId, changes.hostGroupIds, tx);
    return role;
  }).catch((error) => (isUniqueViolation(error) ? nameTaken() : Promise.reject(error)));
  const after = await loadRole(roleId);
  await auditBy(actor, meta, {
    action: "role.updated",
    target: target(roleId),
    details: {
      name: after.name,
      ...(before.name !== after.name ? { renamedFrom: before.name } : {}),
      permissions: permissionsOfRole(after),
      hostGroupIds: after.hostGroupIds,
    },
  });
  return viewOf(after);
}

export async function deleteRole(actor: Actor, roleId: string, meta: RequestMeta = {}): Promise<void> {
  assertPermission(actor, "can_manage_users");
  const role = await withTransaction(async (tx) => {
    // The row lock conflicts with the key-share lock a new user of this role would take.
    const row = await loadRole(roleId, tx, true);
    if (row.isBuiltin) throw new ServiceError("Built-in roles cannot be deleted.", { status: 400 });
    if (row.canManageSuperusers && !actor.permissions.has("can_manage_superusers"))
      throw new PermissionError(SUPERUSER_ONLY);
    const holders = await countUsersOfRole(roleId, tx);
    if (holders > 0)
      throw new ServiceError(
        `This role is held by ${holders} user${holders === 1 ? "" : "s"}; give them another role first.`,
        { status: 409 },
      );
    await deleteCustomRole(roleId, tx);
    return row;
  });
  await auditBy(actor, meta, {
    action: "role.deleted",
    target: target(roleId),
    details: { name: role.name },
  });
}
