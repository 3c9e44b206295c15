import { eq, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { type Role, roles, users } from "@/db/schema";

/** The columns of a user that may leave the server: never the password hash or TFA secret. */
const publicUserColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  roleId: users.roleId,
  isActive: users.isActive,
  lockedUntil: users.lockedUntil,
  failedLoginAttempts: users.failedLoginAttempts,
  tfaEnabled: users.tfaEnabled,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

export type PublicUser = {
  id: string;
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  roleId: string;
  isActive: boolean;
  lockedUntil: Date | null;
  failedLoginAttempts: number;
  tfaEnabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
};

export async function getRoleByName(name: string, db: Executor = getDb()): Promise<Role | undefined> {
  const [role] = await db.select().from(roles).where(eq(roles.name, name)).limit(1);
  return role;
}

export async function listRoleNames(db: Executor = getDb()): Promise<string[]> {
  const rows = await db.select({ name: roles.name }).from(roles).orderBy(roles.name);
  return rows.map((row) => row.name);
}

/** Finds a user by username or email, case-insensitively. */
export async function getUserByLogin(login: string, db: Executor = getDb()): Promise<PublicUser | undefined> {
  const value = login.trim().toLowerCase();
  const [user] = await db
    .select(publicUserColumns)
    .from(users)
    .where(sql`${users.username} = ${value} or lower(${users.email}) = ${value}`)
    .limit(1);
  return user;
}

export type CreateUserInput = {
  username: string;
  email: string;
  passwordHash: string;
  roleId: string;
  firstName?: string | null;
  lastName?: string | null;
};

export async function createUser(input: CreateUserInput, db: Executor = getDb()): Promise<PublicUser> {
  const [user] = await db
    .insert(users)
    .values({
      ...input,
      username: input.username.trim().toLowerCase(),
      email: input.email.trim(),
      // Set by setup, an administrator or the CLI, not by the account holder.
      emailTrusted: true,
      passwordChangedAt: new Date(),
    })
    .returning(publicUserColumns);
  if (!user) throw new Error("user insert returned no row");
  return user;
}

/** Sets a new password hash and clears any lockout (password and TFA). False when there is no such user. */
export async function setUserPassword(
  userId: string,
  passwordHash: string,
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: new Date(),
      failedLoginAttempts: 0,
      lockedUntil: null,
      tfaFailedAttempts: 0,
      tfaLockedUntil: null,
    })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Clears a login lockout and the failed-attempt counters (password and TFA). */
export async function unlockUser(userId: string, db: Executor = getDb()): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ failedLoginAttempts: 0, lockedUntil: null, tfaFailedAttempts: 0, tfaLockedUntil: null })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length > 0;
}
