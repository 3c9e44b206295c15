// Statements of single sign-on: finding, linking and creating accounts by their OIDC identity.
import { and, eq, isNull, like, or, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { roles, users } from "@/db/schema";

export type OidcAccount = {
  id: string;
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  isActive: boolean;
  tfaEnabled: boolean;
  emailTrusted: boolean;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  roleId: string;
  roleName: string;
  roleIsSuperuser: boolean;
};

const accountColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  isActive: users.isActive,
  tfaEnabled: users.tfaEnabled,
  emailTrusted: users.emailTrusted,
  oidcIssuer: users.oidcIssuer,
  oidcSubject: users.oidcSubject,
  roleId: users.roleId,
  roleName: roles.name,
  roleIsSuperuser: roles.canManageSuperusers,
};

export async function getUserByOidcIdentity(
  issuer: string,
  subject: string,
  db: Executor = getDb(),
): Promise<OidcAccount | undefined> {
  const [row] = await db
    .select(accountColumns)
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)))
    .limit(1);
  return row;
}

/** The account that holds this email address (any case). */
export async function getUserByEmailForOidc(
  email: string,
  db: Executor = getDb(),
): Promise<OidcAccount | undefined> {
  const [row] = await db
    .select(accountColumns)
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return row;
}

/** Links an account to an identity; false when it is already linked (to anything). */
export async function linkOidcIdentity(
  userId: string,
  issuer: string,
  subject: string,
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ oidcIssuer: issuer, oidcSubject: subject, updatedAt: new Date() })
    .where(and(eq(users.id, userId), isNull(users.oidcSubject)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Usernames already taken among `base` and `base-<n>`, to pick a free one. */
export async function listUsernamesLike(base: string, db: Executor = getDb()): Promise<string[]> {
  const escaped = base.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(or(eq(users.username, base), like(users.username, `${escaped}-%`)));
  return rows.map((row) => row.username);
}

export type NewOidcUser = {
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  roleId: string;
  issuer: string;
  subject: string;
  /** The provider said the email is verified. */
  emailVerified: boolean;
};

/** Creates an SSO-only account (no password). Throws on a unique violation (lost race). */
export async function insertOidcUser(input: NewOidcUser, db: Executor = getDb()): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({
      username: input.username.toLowerCase(),
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      roleId: input.roleId,
      passwordHash: null,
      emailTrusted: input.emailVerified,
      oidcIssuer: input.issuer,
      oidcSubject: input.subject,
    })
    .returning({ id: users.id });
  if (!row) throw new Error("user insert returned no row");
  return row.id;
}

export type OidcProfileChanges = Partial<{
  email: string;
  firstName: string | null;
  lastName: string | null;
}>;

export async function updateOidcProfile(
  userId: string,
  changes: OidcProfileChanges,
  db: Executor = getDb(),
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db
    .update(users)
    // Only verified claims reach here (oidc-users.ts), so the address is trusted.
    .set({
      ...changes,
      ...(changes.email !== undefined ? { emailTrusted: true } : {}),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
}

/** Whether another account already uses this email (any case). */
export async function emailTakenByOther(email: string, userId: string, db: Executor = getDb()) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, sql`${users.id} <> ${userId}`))
    .limit(1);
  return rows.length > 0;
}

export async function setUserRoleForOidc(userId: string, roleId: string, db: Executor = getDb()) {
  await db.update(users).set({ roleId, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function markOidcLogin(userId: string, db: Executor = getDb()): Promise<void> {
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
}
