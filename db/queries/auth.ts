// Statements of the sign-in path. The credential columns read here never leave lib/auth.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { type Executor, executeRows, getDb } from "@/db/client";
import { roles, sessions, settings, users } from "@/db/schema";

export type LoginCandidate = {
  id: string;
  username: string;
  passwordHash: string | null;
  isActive: boolean;
  lockedUntil: Date | null;
  tfaEnabled: boolean;
  tfaSecretEncrypted: string | null;
  tfaFailedAttempts: number;
  tfaLockedUntil: Date | null;
};

const candidateColumns = {
  id: users.id,
  username: users.username,
  passwordHash: users.passwordHash,
  isActive: users.isActive,
  lockedUntil: users.lockedUntil,
  tfaEnabled: users.tfaEnabled,
  tfaSecretEncrypted: users.tfaSecretEncrypted,
  tfaFailedAttempts: users.tfaFailedAttempts,
  tfaLockedUntil: users.tfaLockedUntil,
};

/** The account a login name (username or email, any case) refers to. */
export async function getLoginCandidate(
  login: string,
  db: Executor = getDb(),
): Promise<LoginCandidate | undefined> {
  const value = login.trim().toLowerCase();
  const [row] = await db
    .select(candidateColumns)
    .from(users)
    .where(sql`${users.username} = ${value} or lower(${users.email}) = ${value}`)
    .limit(1);
  return row;
}

export async function getLoginCandidateById(
  userId: string,
  db: Executor = getDb(),
): Promise<LoginCandidate | undefined> {
  const [row] = await db.select(candidateColumns).from(users).where(eq(users.id, userId)).limit(1);
  return row;
}

type LockColumns = {
  attempts: "failed_login_attempts" | "tfa_failed_attempts";
  until: "locked_until" | "tfa_locked_until";
};

/**
 * Counts one failure in a single locked statement (so attempts from several processes all count)
 * and locks the account when the count reaches `maxAttempts`; an expired lock starts a new count.
 * Returns whether this very failure locked it.
 */
async function recordFailure(
  columns: LockColumns,
  userId: string,
  maxAttempts: number,
  lockMs: number,
  db: Executor,
): Promise<{ lockedNow: boolean }> {
  const attempts = sql.raw(columns.attempts);
  const until = sql.raw(columns.until);
  const rows = await executeRows<{ locked_now: boolean }>(
    db,
    sql`with prev as (
          select id, coalesce(${until} > now(), false) as was_locked,
                 case when ${until} <= now() then 0 else ${attempts} end as attempts
          from users where id = ${userId} for update)
        update users u set
          ${attempts} = prev.attempts + 1,
          ${until} = case when prev.was_locked then u.${until}
                          when prev.attempts + 1 >= ${maxAttempts}
                            then now() + make_interval(secs => ${Math.ceil(lockMs / 1000)})
                          else null end
        from prev where u.id = prev.id
        returning (not prev.was_locked and u.${until} is not null and u.${until} > now()) as locked_now`,
  );
  return { lockedNow: rows[0]?.locked_now === true };
}

export type AttemptReservation = { allowed: boolean; attempt: number };

/**
 * Takes one attempt BEFORE the secret is checked, in one locked statement: a burst of parallel
 * guesses gets at most `maxAttempts` checks per lockout window, the rest are refused unchecked
 * (and lock the account). An expired lock starts a new count. Success resets the count
 * (recordLoginSuccess / clearTfaFailures); a failure on the last allowed attempt locks
 * (lockAccount).
 */
async function reserveAttempt(
  columns: LockColumns,
  userId: string,
  maxAttempts: number,
  lockMs: number,
  db: Executor,
): Promise<AttemptReservation> {
  const attempts = sql.raw(columns.attempts);
  const until = sql.raw(columns.until);
  const rows = await executeRows<{ was_locked: boolean; attempt: number }>(
    db,
    sql`with prev as (
          select id, coalesce(${until} > now(), false) as was_locked,
                 case when ${until} <= now() then 0 else ${attempts} end as attempts
          from users where id = ${userId} for update)
        update users u set
          ${attempts} = prev.attempts + 1,
          ${until} = case when prev.was_locked then u.${until}
                          when prev.attempts + 1 > ${maxAttempts}
                            then now() + make_interval(secs => ${Math.ceil(lockMs / 1000)})
                          else null end
        from prev where u.id = prev.id
        returning prev.was_locked as was_locked, (prev.attempts + 1)::int as attempt`,
  );
  const row = rows[0];
  if (!row) return { allowed: false, attempt: 0 };
  return { allowed: !row.was_locked && row.attempt <= maxAttempts, attempt: Number(row.attempt) };
}

async function lockNow(columns: LockColumns, userId: string, lockMs: number, db: Executor): Promise<void> {
  const until = sql.raw(columns.until);
  await executeRows(
    db,
    sql`update users set ${until} = now() + make_interval(secs => ${Math.ceil(lockMs / 1000)}) where id = ${userId}`,
  );
}

const PASSWORD_LOCK: LockColumns = { attempts: "failed_login_attempts", until: "locked_until" };
const TFA_LOCK: LockColumns = { attempts: "tfa_failed_attempts", until: "tfa_locked_until" };

export function reserveLoginAttempt(
  userId: string,
  maxAttempts: number,
  lockMs: number,
  db: Executor = getDb(),
) {
  return reserveAttempt(PASSWORD_LOCK, userId, maxAttempts, lockMs, db);
}

export function lockLogin(userId: string, lockMs: number, db: Executor = getDb()) {
  return lockNow(PASSWORD_LOCK, userId, lockMs, db);
}

export function reserveTfaAttempt(
  userId: string,
  maxAttempts: number,
  lockMs: number,
  db: Executor = getDb(),
) {
  return reserveAttempt(TFA_LOCK, userId, maxAttempts, lockMs, db);
}

export function lockTfa(userId: string, lockMs: number, db: Executor = getDb()) {
  return lockNow(TFA_LOCK, userId, lockMs, db);
}

export async function recordLoginSuccess(userId: string, db: Executor = getDb()): Promise<void> {
  await db
    .update(users)
    .set({ failedLoginAttempts: 0, lockedUntil: null, lastLoginAt: new Date() })
    .where(eq(users.id, userId));
}

/** One wrong second-factor code (MAX_TFA_ATTEMPTS / TFA_LOCKOUT_DURATION_MINUTES). */
export function recordTfaFailure(
  userId: string,
  maxAttempts: number,
  lockMs: number,
  db: Executor = getDb(),
) {
  return recordFailure(
    { attempts: "tfa_failed_attempts", until: "tfa_locked_until" },
    userId,
    maxAttempts,
    lockMs,
    db,
  );
}

export async function clearTfaFailures(userId: string, db: Executor = getDb()): Promise<void> {
  await db.update(users).set({ tfaFailedAttempts: 0, tfaLockedUntil: null }).where(eq(users.id, userId));
}

/** True once any active user holds a role that may manage both settings and users. */
export async function administratorExists(db: Executor = getDb()): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(users.isActive, true), eq(roles.canManageSettings, true), eq(roles.canManageUsers, true)))
    .limit(1);
  return rows.length > 0;
}

/** Whether first-run setup has finished; once it has, it never reopens. */
export async function isSetupMarkedComplete(db: Executor = getDb()): Promise<boolean> {
  const [row] = await db
    .select({ at: settings.setupCompletedAt })
    .from(settings)
    .where(eq(settings.id, 1))
    .limit(1);
  return Boolean(row?.at);
}

export async function markSetupComplete(db: Executor = getDb()): Promise<void> {
  await db
    .update(settings)
    .set({ setupCompletedAt: sql`coalesce(${settings.setupCompletedAt}, now())` })
    .where(eq(settings.id, 1));
}

/** Serialises first-run setup across processes for the rest of the transaction. */
export async function lockFirstRunSetup(db: Executor): Promise<void> {
  await executeRows(db, sql`select pg_advisory_xact_lock(7423001)`);
}

export type NewSessionRow = {
  id: string;
  userId: string;
  userAgent: string | null;
  ip: string | null;
  expiresAt: Date;
};

/** Creates the session row a sign-in ticket names; false when that ticket was already used. */
export async function insertSessionOnce(row: NewSessionRow, db: Executor = getDb()): Promise<boolean> {
  const inserted = await db
    .insert(sessions)
    .values({ ...row, tfaVerified: true })
    .onConflictDoNothing({ target: sessions.id })
    .returning({ id: sessions.id });
  return inserted.length > 0;
}

export type SessionActorRow = {
  sessionId: string;
  lastActivityAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userId: string;
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  isActive: boolean;
  themePreference: string;
  tfaEnabled: boolean;
  role: typeof roles.$inferSelect;
  roleGroupIds: string[];
  userGroupIds: string[];
};

/** Everything a request needs to know about who is calling, in one statement. */
export async function getSessionActor(
  sessionId: string,
  db: Executor = getDb(),
): Promise<SessionActorRow | undefined> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastActivityAt: sessions.lastActivityAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      userId: users.id,
      username: users.username,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      isActive: users.isActive,
      themePreference: users.themePreference,
      tfaEnabled: users.tfaEnabled,
      role: roles,
      roleGroupIds: sql<
        string[]
      >`array(select host_group_id::text from role_host_groups where role_id = ${roles.id})`,
      userGroupIds: sql<
        string[]
      >`array(select host_group_id::text from user_host_groups where user_id = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(sessions.id, sessionId), eq(sessions.tfaVerified, true)))
    .limit(1);
  return row;
}

/**
 * Records activity at most once per `throttleSeconds` per session, so page views do not each write.
 * The caller keeps the throttle well under the idle timeout.
 */
export async function touchSession(
  sessionId: string,
  throttleSeconds = 60,
  db: Executor = getDb(),
): Promise<void> {
  await db
    .update(sessions)
    .set({ lastActivityAt: new Date() })
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        sql`${sessions.lastActivityAt} < now() - make_interval(secs => ${throttleSeconds})`,
      ),
    );
}

/** Ends one session; with `userId`, only if it belongs to that user. */
export async function revokeSession(
  sessionId: string,
  userId?: string,
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        userId ? eq(sessions.userId, userId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length > 0;
}

export type SessionListItem = {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastActivityAt: Date;
  expiresAt: Date;
};

/** A user's live sessions, most recently active first. */
export async function listLiveSessions(userId: string, db: Executor = getDb()): Promise<SessionListItem[]> {
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastActivityAt: sessions.lastActivityAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(sql`${sessions.lastActivityAt} desc`)
    .limit(200);
}

/** Ends every live session of a user except `keepSessionId`. */
export async function revokeOtherSessions(
  userId: string,
  keepSessionId: string,
  db: Executor = getDb(),
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.id} <> ${keepSessionId}`),
    )
    .returning({ id: sessions.id });
  return rows.length;
}
