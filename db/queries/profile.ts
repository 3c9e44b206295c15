// Statements of the profile page: a user's own account row. Credential columns are read only as
// "is there one" flags here; lib/auth's login queries read the values themselves.
import { and, eq, ne, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { users } from "@/db/schema";
import type { ThemePreference } from "@/db/schema/enums";

export type ProfileRow = {
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  themePreference: ThemePreference;
  hasPassword: boolean;
  passwordChangedAt: Date | null;
  tfaEnabled: boolean;
  isSsoLinked: boolean;
};

export async function getProfile(userId: string, db: Executor = getDb()): Promise<ProfileRow | undefined> {
  const [row] = await db
    .select({
      username: users.username,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      themePreference: users.themePreference,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      passwordChangedAt: users.passwordChangedAt,
      tfaEnabled: users.tfaEnabled,
      isSsoLinked: sql<boolean>`${users.oidcSubject} is not null`,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}

/** Whether another user already has this email, compared case-insensitively like the unique index. */
export async function emailInUseByOther(
  email: string,
  userId: string,
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`, ne(users.id, userId)))
    .limit(1);
  return rows.length > 0;
}

export type ProfileUpdate = {
  firstName: string | null;
  lastName: string | null;
  email: string;
  themePreference: ThemePreference;
};

/** "email_taken" when another account won the email first (the unique index decides races). */
export async function updateProfile(
  userId: string,
  update: ProfileUpdate,
  db: Executor = getDb(),
): Promise<"ok" | "email_taken" | "not_found"> {
  try {
    const rows = await db
      .update(users)
      .set({
        ...update,
        email: update.email.trim(),
        // An address the holder typed in is not trusted for SSO linking until an admin sets it.
        emailTrusted: sql`${users.emailTrusted} and lower(${users.email}) = lower(${update.email.trim()})`,
      })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    return rows.length > 0 ? "ok" : "not_found";
  } catch (error) {
    if (isUniqueViolation(error)) return "email_taken";
    throw error;
  }
}

/**
 * Turns TFA on with a confirmed secret and the time step of the code that confirmed it; false when
 * it was already on (a second confirm lost).
 */
export async function enableTfa(
  userId: string,
  encryptedSecret: string,
  usedStep: number,
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({
      tfaSecretEncrypted: encryptedSecret,
      tfaEnabled: true,
      tfaFailedAttempts: 0,
      tfaLockedUntil: null,
      tfaLastUsedStep: usedStep,
    })
    .where(and(eq(users.id, userId), eq(users.tfaEnabled, false)))
    .returning({ id: users.id });
  return rows.length > 0;
}
