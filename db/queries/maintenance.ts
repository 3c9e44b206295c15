import { isNotNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { type Executor, getDb } from "../client";
import { bootstrapTokens, enrolmentTokens, sessions, tfaRememberedDevices } from "../schema";

// DELETE inside a CTE with count(*) outside: one statement that reports how many rows went, the
// same way under postgres.js and PGlite (their raw results expose the row count differently).
async function deleteCounting(db: Executor, table: PgTable, where: SQL | undefined): Promise<number> {
  const deleted = db.$with("deleted").as(db.delete(table).where(where).returning({ one: sql<number>`1` }));
  const [row] = await db
    .with(deleted)
    .select({ count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(deleted);
  return row?.count ?? 0;
}

/**
 * Sessions past their absolute expiry, idle since before `idleCutoff` (the inactivity timeout has
 * already ended them), and revoked ones (a revoked session can never be used again).
 */
export function purgeExpiredSessions(now: Date, idleCutoff: Date, db: Executor = getDb()): Promise<number> {
  return deleteCounting(
    db,
    sessions,
    or(lt(sessions.expiresAt, now), lt(sessions.lastActivityAt, idleCutoff), isNotNull(sessions.revokedAt)),
  );
}

/** "Remember this device" entries past their expiry. */
export function purgeExpiredRememberedDevices(now: Date, db: Executor = getDb()): Promise<number> {
  return deleteCounting(db, tfaRememberedDevices, lt(tfaRememberedDevices.expiresAt, now));
}

/** Bootstrap tokens that expired or were already exchanged: single-use, so either way they are dead. */
export function purgeExpiredBootstrapTokens(now: Date, db: Executor = getDb()): Promise<number> {
  return deleteCounting(
    db,
    bootstrapTokens,
    or(lt(bootstrapTokens.expiresAt, now), isNotNull(bootstrapTokens.usedAt)),
  );
}

/** Enrolment tokens past their expiry (null never expires). Hosts keep existing; their link is set null. */
export function purgeExpiredEnrolmentTokens(now: Date, db: Executor = getDb()): Promise<number> {
  return deleteCounting(db, enrolmentTokens, lt(enrolmentTokens.expiresAt, now));
}
