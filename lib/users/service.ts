// User administration: list, create, edit (including role and scope), disable/enable, delete.
// Every function takes the acting user first and checks its permissions and the superadmin rules
// itself, so the page actions, the REST routes and the tests share one set of rules.
import { isUniqueViolation } from "@/db/errors";
import { getRoleWithUsage } from "@/db/queries/roles";
import { withTransaction } from "@/db/queries/transaction";
import {
  type AdminUser,
  findLoginConflicts,
  listUsersPage,
  lockActiveSuperuserIds,
  replaceUserHostGroups,
  updateUserById,
} from "@/db/queries/user-admin";
import { getRoleByName, createUser as insertUser } from "@/db/queries/users";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { hashPassword } from "@/lib/auth/passwords";
import { type FieldErrors, ServiceError } from "@/lib/errors";
import { permissionsOfRole } from "@/lib/permissions";
import { assertHostGroupsExist } from "@/lib/roles/host-groups";
import { auditBy, loadTargetUser, type RequestMeta, userTarget } from "./context";
import {
  activeSuperusersAfterRemoving,
  assertMayAdministerUser,
  assertMayGrant,
  assertNotSelf,
  assertScopeWithin,
  assertSuperuserRemains,
} from "./rules";
import { createUserSchema, listUsersSchema, updateUserSchema } from "./schemas";

export type { AdminUser, RequestMeta };

export type UserPage = { rows: AdminUser[]; total: number; page: number; pageSize: number };

export async function listUsers(actor: Actor, input: unknown = {}): Promise<UserPage> {
  assertPermission(actor, "can_view_users");
  const query = listUsersSchema.parse(input);
  const { rows, total } = await listUsersPage(
    { search: query.search, roleId: query.roleId, status: query.status },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { rows, total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(actor: Actor, userId: string): Promise<AdminUser> {
  assertPermission(actor, "can_view_users");
  return loadTargetUser(userId);
}

async function roleForAssignment(actor: Actor, ref: { roleId?: string; role?: string }) {
  const byName = ref.roleId ? undefined : await getRoleByName(ref.role ?? "");
  const roleId = ref.roleId ?? byName?.id;
  const role = roleId ? await getRoleWithUsage(roleId) : undefined;
  if (!role)
    throw new ServiceError("Choose an existing role.", { fieldErrors: { roleId: ["No such role"] } });
  assertMayGrant(actor, permissionsOfRole(role));
  return role;
}

async function assertLoginFree(username: string | null, email: string, exceptUserId: string | null) {
  const taken = await findLoginConflicts(username, email, exceptUserId);
  const fieldErrors: FieldErrors = {};
  if (taken.username) fieldErrors.username = ["This username is taken"];
  if (taken.email) fieldErrors.email = ["This email address is in use"];
  if (Object.keys(fieldErrors).length > 0)
    throw new ServiceError("That username or email is already in use.", { status: 409, fieldErrors });
}

function loginTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw new ServiceError("That username or email is already in use.", { status: 409 });
  throw error;
}

export async function createUser(actor: Actor, input: unknown, meta: RequestMeta = {}): Promise<AdminUser> {
  assertPermission(actor, "can_manage_users");
  const data = createUserSchema.parse(input);
  const role = await roleForAssignment(actor, data);
  assertScopeWithin(actor, data.hostGroupIds);
  await assertHostGroupsExist(data.hostGroupIds);
  await assertLoginFree(data.username, data.email, null);
  const passwordHash = await hashPassword(data.password);
  const userId = await withTransaction(async (tx) => {
    const user = await insertUser(
      {
        username: data.username,
        email: data.email,
        firstName: data.firstName,
        lastName: data.lastName,
        roleId: role.id,
        passwordHash,
      },
      tx,
    );
    await replaceUserHostGroups(user.id, data.hostGroupIds, tx);
    return user.id;
  }).catch(loginTaken);
  await auditBy(actor, meta, {
    action: "user.created",
    target: userTarget(userId),
    details: { username: data.username, role: role.name },
  });
  return loadTargetUser(userId);
}

export async function updateUser(
  actor: Actor,
  userId: string,
  input: unknown,
  meta: RequestMeta = {},
): Promise<AdminUser> {
  assertPermission(actor, "can_manage_users");
  const changes = updateUserSchema.parse(input);
  const newRole = changes.roleId || changes.role ? await roleForAssignment(actor, changes) : undefined;
  if (changes.hostGroupIds) {
    assertScopeWithin(actor, changes.hostGroupIds);
    await assertHostGroupsExist(changes.hostGroupIds);
  }
  if (changes.email) await assertLoginFree(null, changes.email, userId);
  const before = await withTransaction(async (tx) => {
    // Superusers first, then the target: every change that can demote takes locks in this order.
    const superusers = await lockActiveSuperuserIds(tx);
    const target = await loadTargetUser(userId, tx, true);
    assertMayAdministerUser(actor, target);
    if (newRole && newRole.id !== target.roleId) {
      assertNotSelf(actor, userId, "You cannot change your own role.");
      if (target.isActive && target.roleIsSuperuser && !newRole.canManageSuperusers)
        assertSuperuserRemains(activeSuperusersAfterRemoving(superusers, userId));
    }
    const { hostGroupIds, role: _byName, ...columns } = changes;
    await updateUserById(userId, { ...columns, roleId: newRole?.id }, tx);
    if (hostGroupIds) await replaceUserHostGroups(userId, hostGroupIds, tx);
    return target;
  }).catch(loginTaken);
  if (newRole && newRole.id !== before.roleId)
    await auditBy(actor, meta, {
      action: "user.role_changed",
      target: userTarget(userId),
      details: { username: before.username, from: before.roleName, to: newRole.name },
    });
  const fields = changedFields(before, changes);
  if (fields.length > 0)
    await auditBy(actor, meta, {
      action: "user.updated",
      target: userTarget(userId),
      details: { username: before.username, fields },
    });
  return loadTargetUser(userId);
}

/** The profile fields an edit really changed (forms send every field; the audit names only these). */
export function changedFields(
  before: Pick<AdminUser, "email" | "firstName" | "lastName" | "hostGroupIds">,
  changes: { email?: string; firstName?: string | null; lastName?: string | null; hostGroupIds?: string[] },
): string[] {
  const fields: string[] = [];
  if (changes.email !== undefined && changes.email !== before.email) fields.push("email");
  if (changes.firstName !== undefined && changes.firstName !== before.firstName) fields.push("firstName");
  if (changes.lastName !== undefined && changes.lastName !== before.lastName) fields.push("lastName");
  if (
    changes.hostGroupIds &&
    [...changes.hostGroupIds].sort().join() !== [...before.hostGroupIds].sort().join()
  )
    fields.push("hostGroupIds");
  return fields;
}
