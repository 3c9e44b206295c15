// Second-factor rows: the encrypted TOTP secret, backup-code hashes, remembered devices.
import { and, asc, eq, gt, inArray, isNull, lt, lte, notInArray, or, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { tfaBackupCodes, tfaRememberedDevices, users } from "@/db/schema";

export async function setTfaSecret(
  userId: string,
  encryptedSecret: string | null,
  enabled: boolean,
  db: Executor = getDb(),
) {
  await db
    .update(users)
    .set({
      tfaSecretEncrypted: encryptedSecret,
      tfaEnabled: enabled,
      tfaFailedAttempts: 0,
      tfaLockedUntil: null,
      tfaLastUsedStep: null,
    })
    .where(eq(users.id, userId));
}

export async function replaceBackupCodes(
  userId: string,
  codeHashes: string[],
  db: Executor = getDb(),
): Promise<void> {
  await db.delete(tfaBackupCodes).where(eq(tfaBackupCodes.userId, userId));
  if (codeHashes.length > 0) {
    await db.insert(tfaBackupCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
  }
}

export async function listUnusedBackupCodes(userId: string, db: Executor = getDb()) {
  return db
    .select({ id: tfaBackupCodes.id, codeHash: tfaBackupCodes.codeHash })
    .from(tfaBackupCodes)
    .where(and(eq(tfaBackupCodes.userId, userId), isNull(tfaBackupCodes.usedAt)));
}

export async function countUnusedBackupCodes(userId: string, db: Executor = getDb()): Promise<number> {
  const rows = await listUnusedBackupCodes(userId, db);
  return rows.length;
}

/** Marks a backup code used; false if another request used it first. */
export async function consumeBackupCode(codeId: string, db: Executor = getDb()): Promise<boolean> {
  const rows = await db
    .update(tfaBackupCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(tfaBackupCodes.id, codeId), isNull(tfaBackupCodes.usedAt)))
    .returning({ id: tfaBackupCodes.id });
  return rows.length > 0;
}

export async function deleteTfaData(userId: string, db: Executor = getDb()): Promise<void> {
  await db.delete(tfaBackupCodes).where(eq(tfaBackupCodes.userId, userId));
  await db.delete(tfaRememberedDevices).where(eq(tfaRememberedDevices.userId, userId));
  await setTfaSecret(userId, null, false, db);
}

/** Remembers a device and keeps at most `keep` live ones per user (the oldest go first). */
export async function rememberDevice(
  row: { userId: string; tokenHash: string; userAgent: string | null; ip: string | null; expiresAt: Date },
  keep: number,
  db: Executor = getDb(),
): Promise<void> {
  await db.insert(tfaRememberedDevices).values(row);
  const newest = db
    .select({ id: tfaRememberedDevices.id })
    .from(tfaRememberedDevices)
    .where(and(eq(tfaRememberedDevices.userId, row.userId), gt(tfaRememberedDevices.expiresAt, new Date())))
    .orderBy(sql`${tfaRememberedDevices.createdAt} desc`)
    .limit(keep);
  await db
    .delete(tfaRememberedDevices)
    .where(
      and(
        eq(tfaRememberedDevices.userId, row.userId),
        or(lte(tfaRememberedDevices.expiresAt, new Date()), notInArray(tfaRememberedDevices.id, newest)),
      ),
    );
}

/** True (and records the use) when the token is a live remembered device of this user. */
export async function claimRememberedDevice(
  userId: string,
  tokenHash: string,
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(tfaRememberedDevices)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(tfaRememberedDevices.userId, userId),
        eq(tfaRememberedDevices.tokenHash, tokenHash),
        gt(tfaRememberedDevices.expiresAt, new Date()),
      ),
    )
    .returning({ id: tfaRememberedDevices.id });
  return rows.length > 0;
}

export async function listRememberedDevices(userId: string, db: Executor = getDb()) {
  return db
    .select({
      id: tfaRememberedDevices.id,
      userAgent: tfaRememberedDevices.userAgent,
      ip: tfaRememberedDevices.ip,
      createdAt: tfaRememberedDevices.createdAt,
      lastUsedAt: tfaRememberedDevices.lastUsedAt,
      expiresAt: tfaRememberedDevices.expiresAt,
    })
    .from(tfaRememberedDevices)
    .where(and(eq(tfaRememberedDevices.userId, userId), gt(tfaRememberedDevices.expiresAt, new Date())))
    .orderBy(asc(tfaRememberedDevices.createdAt));
}

export async function forgetDevices(
  userId: string,
  deviceIds: string[] | "all",
  db: Executor = getDb(),
): Promise<number> {
  const rows = await db
    .delete(tfaRememberedDevices)
    .where(
      and(
        eq(tfaRememberedDevices.userId, userId),
        deviceIds === "all"
          ? undefined
          : inArray(tfaRememberedDevices.id, deviceIds.length ? deviceIds : [""]),
      ),
    )
    .returning({ id: tfaRememberedDevices.id });
  return rows.length;
}

/**
 * Records that a TOTP code of time step `step` signed the user in; false when a code of this step
 * or a later one already did (a replayed or older code: RFC 6238 section 5.2). Atomic, so two
 * sign-ins racing with one code cannot both pass.
 */
export async function claimTotpStep(userId: string, step: number, db: Executor = getDb()): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ tfaLastUsedStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.tfaLastUsedStep), lt(users.tfaLastUsedStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
}
