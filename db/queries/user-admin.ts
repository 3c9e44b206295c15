// User administration statements (the Users page and its API). Nothing here selects the password
// hash or the TFA secret: rows leave the server as they are.
import { and, asc, count, eq, gt, ilike, or, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { PERMISSIONS, roles, userHostGroups, users } from "@/db/schema";

export type UserStatus = "active" | "disabled" | "locked";

export type UserListFilter = { search?: string; roleId?: string; status?: UserStatus };

const hostGroupIdsOfUser = sql<
  string[]
>`coalesce((select array_agg(${userHostGroups.hostGroupId}::text order by ${userHostGroups.hostGroupId}) from ${userHostGroups} where ${userHostGroups.userId} = ${users.id}), '{}')`;

// Permission names are the roles table's column names.
const permissionsOfUserRole = sql<string[]>`array_remove(array[${sql.raw(
  PERMISSIONS.map((p) => `case when "roles"."${p}" then '${p}' end`).join(", "),
)}]::text[], null)`;

const hostGroupIdsOfUserRole = sql<
  string[]
>`coalesce((select array_agg(rhg.host_group_id::text) from role_host_groups rhg where rhg.role_id = "users"."role_id"), '{}')`;

const adminUserColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  roleId: users.roleId,
  roleName: roles.name,
  roleIsSuperuser: roles.canManageSuperusers,
  isActive: users.isActive,
  lockedUntil: users.lockedUntil,
  failedLoginAttempts: users.failedLoginAttempts,
  tfaEnabled: users.tfaEnabled,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  isSso: sql<boolean>`${users.oidcSubject} is not null`,
  hostGroupIds: hostGroupIdsOfUser,
  rolePermissions: permissionsOfUserRole,
  roleHostGroupIds: hostGroupIdsOfUserRole,
};

export type AdminUser = {
  id: string;
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  roleId: string;
  roleName: string;
  roleIsSuperuser: boolean;
  isActive: boolean;
  lockedUntil: Date | null;
  failedLoginAttempts: number;
  tfaEnabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  isSso: boolean;
  hostGroupIds: string[];
  /** What the user's role grants, and the role's own host-group limit (see assertMayAdministerUser). */
  rolePermissions: string[];
  roleHostGroupIds: string[];
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filterConditions(filter: UserListFilter, now: Date): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.roleId) conditions.push(eq(users.roleId, filter.roleId));
  if (filter.status === "active") conditions.push(eq(users.isActive, true));
  if (filter.status === "disabled") conditions.push(eq(users.isActive, false));
  if (filter.status === "locked") conditions.push(gt(users.lockedUntil, now));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    const match = or(
      ilike(users.username, pattern),
      ilike(users.email, pattern),
      ilike(users.firstName, pattern),
      ilike(users.lastName, pattern),
    );
    if (match) conditions.push(match);
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** One page of users sorted by username (unique index), with the total that matches. */
export async function listUsersPage(
  filter: UserListFilter,
  page: { limit: number; offset: number },
  db: Executor = getDb(),
): Promise<{ rows: AdminUser[]; total: number }> {
  const where = filterConditions(filter, new Date());
  const [rows, totals] = await Promise.all([
    db
      .select(adminUserColumns)
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(where)
      .orderBy(asc(users.username))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** One user; `lock` takes a row lock for the rest of the transaction. */
export async function getAdminUser(
  userId: string,
  db: Executor = getDb(),
  { lock = false }: { lock?: boolean } = {},
): Promise<AdminUser | undefined> {
  const query = db
    .select(adminUserColumns)
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: users }) : await query;
  return row;
}

/**
 * The active users whose role may manage superusers, each row locked until the transaction ends:
 * two concurrent demotions queue here, and the second sees the first one's result.
 */
export async function lockActiveSuperusers(db: Executor): Promise<{ id: string; roleId: string }[]> {
  return (
    db
      .select({ id: users.id, roleId: users.roleId })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(and(eq(users.isActive, true), eq(roles.canManageSuperusers, true)))
      .orderBy(asc(users.id))
      // Roles too: a concurrent edit that takes superuser power from a role must be seen here.
      .for("update", { of: [users, roles] })
  );
}

export async function lockActiveSuperuserIds(db: Executor): Promise<string[]> {
  return (await lockActiveSuperusers(db)).map((row) => row.id);
}

export type UserChanges = Partial<{
  email: string;
  firstName: string | null;
  lastName: string | null;
  roleId: string;
  isActive: boolean;
}>;

export async function updateUserById(userId: string, changes: UserChanges, db: Executor = getDb()) {
  const rows = await db
    .update(users)
    .set({
      ...changes,
      ...(changes.email !== undefined ? { emailTrusted: true } : {}),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function replaceUserHostGroups(userId: string, hostGroupIds: readonly string[], db: Executor) {
  await db.delete(userHostGroups).where(eq(userHostGroups.userId, userId));
  if (hostGroupIds.length > 0)
    await db.insert(userHostGroups).values(hostGroupIds.map((hostGroupId) => ({ userId, hostGroupId })));
}

export async function deleteUserById(userId: string, db: Executor = getDb()): Promise<boolean> {
  const rows = await db.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length > 0;
}

/** The user id for an exact username (audit filter by actor). */
export async function getUserIdByUsername(username: string, db: Executor = getDb()) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, username.trim().toLowerCase()))
    .limit(1);
  return row?.id;
}

/** Whether a username or email is taken by someone other than `exceptUserId`. */
export async function findLoginConflicts(
  username: string | null,
  email: string,
  exceptUserId: string | null,
  db: Executor = getDb(),
): Promise<{ username: boolean; email: boolean }> {
  const clash = or(
    username ? eq(users.username, username.toLowerCase()) : undefined,
    sql`lower(${users.email}) = ${email.toLowerCase()}`,
  );
  const rows = await db
    .select({ username: users.username, email: users.email })
    .from(users)
    .where(and(clash, exceptUserId ? sql`${users.id} <> ${exceptUserId}` : undefined));
  return {
    username: Boolean(username) && rows.some((row) => row.username === username?.toLowerCase()),
    email: rows.some((row) => row.email.toLowerCase() === email.toLowerCase()),
  };
}
