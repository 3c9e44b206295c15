// Role statements for the Roles page and its API.
import { asc, count, eq, inArray, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { hostGroups, type NewRole, type Role, roleHostGroups, roles, users } from "@/db/schema";

export type RoleWithUsage = Role & { userCount: number; hostGroupIds: string[] };

const hostGroupIdsOfRole = sql<
  string[]
>`coalesce((select array_agg(${roleHostGroups.hostGroupId}::text order by ${roleHostGroups.hostGroupId}) from ${roleHostGroups} where ${roleHostGroups.roleId} = ${roles.id}), '{}')`;
const userCountOfRole = sql<number>`(select count(*)::int from ${users} where ${users.roleId} = ${roles.id})`;

/** Every role (there are few) with how many users hold it; built-ins first. */
export async function listRolesWithUsage(db: Executor = getDb()): Promise<RoleWithUsage[]> {
  const rows = await db
    .select({ role: roles, userCount: userCountOfRole, hostGroupIds: hostGroupIdsOfRole })
    .from(roles)
    .orderBy(sql`${roles.isBuiltin} desc`, asc(roles.name));
  return rows.map((row) => ({ ...row.role, userCount: row.userCount, hostGroupIds: row.hostGroupIds }));
}

/** One role; `lock` holds its row for the rest of the transaction. */
export async function getRoleWithUsage(
  roleId: string,
  db: Executor = getDb(),
  { lock = false }: { lock?: boolean } = {},
): Promise<RoleWithUsage | undefined> {
  const query = db
    .select({ role: roles, userCount: userCountOfRole, hostGroupIds: hostGroupIdsOfRole })
    .from(roles)
    .where(eq(roles.id, roleId))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: roles }) : await query;
  return row ? { ...row.role, userCount: row.userCount, hostGroupIds: row.hostGroupIds } : undefined;
}

export async function getRoleByNameInsensitive(name: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(sql`lower(${roles.name}) = ${name.toLowerCase()}`)
    .limit(1);
  return row;
}

export type RoleFields = Omit<NewRole, "id" | "isBuiltin" | "createdAt" | "updatedAt">;

export async function insertRole(fields: RoleFields, db: Executor = getDb()): Promise<Role> {
  const [row] = await db
    .insert(roles)
    .values({ ...fields, isBuiltin: false })
    .returning();
  if (!row) throw new Error("role insert returned no row");
  return row;
}

/** Updates a custom role; built-ins are never matched. */
export async function updateCustomRole(roleId: string, fields: RoleFields, db: Executor = getDb()) {
  const rows = await db
    .update(roles)
    .set({ ...fields, updatedAt: new Date() })
    .where(sql`${roles.id} = ${roleId} and not ${roles.isBuiltin}`)
    .returning({ id: roles.id });
  return rows.length > 0;
}

export async function deleteCustomRole(roleId: string, db: Executor = getDb()): Promise<boolean> {
  const rows = await db
    .delete(roles)
    .where(sql`${roles.id} = ${roleId} and not ${roles.isBuiltin}`)
    .returning({ id: roles.id });
  return rows.length > 0;
}

export async function countUsersOfRole(roleId: string, db: Executor = getDb()): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.roleId, roleId));
  return row?.n ?? 0;
}

export async function replaceRoleHostGroups(roleId: string, hostGroupIds: readonly string[], db: Executor) {
  await db.delete(roleHostGroups).where(eq(roleHostGroups.roleId, roleId));
  if (hostGroupIds.length > 0)
    await db.insert(roleHostGroups).values(hostGroupIds.map((hostGroupId) => ({ roleId, hostGroupId })));
}

/** The ids among `ids` that name an existing host group. */
export async function existingHostGroupIds(
  ids: readonly string[],
  db: Executor = getDb(),
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: hostGroups.id })
    .from(hostGroups)
    .where(inArray(hostGroups.id, [...ids]));
  return rows.map((row) => row.id);
}

/** Host groups for scope pickers: id and name only. */
export async function listHostGroupOptions(db: Executor = getDb()) {
  return db
    .select({ id: hostGroups.id, name: hostGroups.name })
    .from(hostGroups)
    .orderBy(asc(hostGroups.name));
}
