import { and, asc, eq, gt, isNotNull, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { type EnrolmentToken, enrolments, enrolmentTokenHostGroups, enrolmentTokens } from "@/db/schema";

export type PublicEnrolmentToken = Omit<EnrolmentToken, "secretHash">;

/** Columns of a token that may be shown: never the secret hash. */
const publicTokenColumns = {
  id: enrolmentTokens.id,
  name: enrolmentTokens.name,
  tokenKey: enrolmentTokens.tokenKey,
  maxHostsPerDay: enrolmentTokens.maxHostsPerDay,
  allowedIpRanges: enrolmentTokens.allowedIpRanges,
  expiresAt: enrolmentTokens.expiresAt,
  isActive: enrolmentTokens.isActive,
  createdByUserId: enrolmentTokens.createdByUserId,
  lastUsedAt: enrolmentTokens.lastUsedAt,
  createdAt: enrolmentTokens.createdAt,
  updatedAt: enrolmentTokens.updatedAt,
};

export type CreateEnrolmentTokenInput = {
  name: string;
  tokenKey: string;
  secretHash: string;
  maxHostsPerDay: number;
  allowedIpRanges: string[];
  expiresAt: Date | null;
  groupIds: string[];
  createdByUserId?: string | null;
};

export async function createEnrolmentToken(
  input: CreateEnrolmentTokenInput,
  db: Executor = getDb(),
): Promise<PublicEnrolmentToken> {
  const { groupIds, ...values } = input;
  const [token] = await db.insert(enrolmentTokens).values(values).returning(publicTokenColumns);
  if (!token) throw new Error("enrolment token insert returned no row");
  if (groupIds.length > 0) {
    await db
      .insert(enrolmentTokenHostGroups)
      .values(groupIds.map((hostGroupId) => ({ tokenId: token.id, hostGroupId })))
      .onConflictDoNothing();
  }
  return token;
}

export type EnrolmentTokenListRow = PublicEnrolmentToken & {
  groups: string[];
  enrolledHosts: number;
  /** Enrolments in the rolling 24 hours the daily limit counts. */
  usedToday: number;
};

export async function listEnrolmentTokens(db: Executor = getDb()): Promise<EnrolmentTokenListRow[]> {
  return db
    .select({
      ...publicTokenColumns,
      // Qualified by hand: drizzle renders bare column names inside sql``, which a correlated
      // subquery would resolve against its own tables.
      groups: sql<string[]>`coalesce(array(
        select g.name from enrolment_token_host_groups t join host_groups g on g.id = t.host_group_id
        where t.token_id = "enrolment_tokens"."id" order by g.name), '{}')`,
      enrolledHosts: sql<number>`(select count(*)::int from enrolments e
        where e.token_id = "enrolment_tokens"."id")`,
      usedToday: sql<number>`(select count(*)::int from enrolments e
        where e.token_id = "enrolment_tokens"."id" and e.created_at > now() - interval '24 hours')`,
    })
    .from(enrolmentTokens)
    .orderBy(asc(enrolmentTokens.createdAt), asc(enrolmentTokens.id));
}

export async function setEnrolmentTokenActive(
  tokenKey: string,
  isActive: boolean,
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(enrolmentTokens)
    .set({ isActive })
    .where(eq(enrolmentTokens.tokenKey, tokenKey))
    .returning({ id: enrolmentTokens.id });
  return rows.length > 0;
}

/**
 * The token by its public key, row-locked for the rest of the transaction: enrolments through one
 * token run one at a time, so the daily limit and the machine-id lookup cannot race.
 */
export async function lockEnrolmentTokenByKey(
  tokenKey: string,
  db: Executor,
): Promise<EnrolmentToken | undefined> {
  const [row] = await db
    .select()
    .from(enrolmentTokens)
    .where(eq(enrolmentTokens.tokenKey, tokenKey))
    .for("update")
    .limit(1);
  return row;
}

/** Hosts this token created within the last 24 hours (rolling window; deleted hosts still count). */
export async function countRecentEnrolments(tokenId: string, db: Executor = getDb()): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(eq(enrolments.tokenId, tokenId), gt(enrolments.createdAt, sql`now() - interval '24 hours'`)));
  return row?.count ?? 0;
}

/** The host this token enrolled for `machineId` earlier, if it still exists. */
export async function findEnrolledHostId(
  tokenId: string,
  machineId: string,
  db: Executor = getDb(),
): Promise<string | undefined> {
  const [row] = await db
    .select({ hostId: enrolments.hostId })
    .from(enrolments)
    .where(
      and(eq(enrolments.tokenId, tokenId), eq(enrolments.machineId, machineId), isNotNull(enrolments.hostId)),
    )
    .orderBy(sql`${enrolments.createdAt} desc`)
    .limit(1);
  return row?.hostId ?? undefined;
}

export async function recordEnrolment(
  input: { tokenId: string; hostId: string; machineId: string | null; ip: string | null },
  db: Executor = getDb(),
): Promise<void> {
  await db.insert(enrolments).values(input);
}

export async function touchEnrolmentToken(tokenId: string, db: Executor = getDb()): Promise<void> {
  await db.update(enrolmentTokens).set({ lastUsedAt: sql`now()` }).where(eq(enrolmentTokens.id, tokenId));
}

export async function getEnrolmentTokenGroupIds(tokenId: string, db: Executor = getDb()): Promise<string[]> {
  const rows = await db
    .select({ id: enrolmentTokenHostGroups.hostGroupId })
    .from(enrolmentTokenHostGroups)
    .where(eq(enrolmentTokenHostGroups.tokenId, tokenId));
  return rows.map((row) => row.id);
}

/** Enables or disables a token by id; the token (without its hash), or undefined when there is none. */
export async function setEnrolmentTokenActiveById(
  id: string,
  isActive: boolean,
  db: Executor = getDb(),
): Promise<PublicEnrolmentToken | undefined> {
  const [row] = await db
    .update(enrolmentTokens)
    .set({ isActive })
    .where(eq(enrolmentTokens.id, id))
    .returning(publicTokenColumns);
  return row;
}

/** Deletes a token (its enrolment log goes with it; hosts it enrolled stay). Undefined when there is none. */
export async function deleteEnrolmentToken(
  id: string,
  db: Executor = getDb(),
): Promise<PublicEnrolmentToken | undefined> {
  const [row] = await db
    .delete(enrolmentTokens)
    .where(eq(enrolmentTokens.id, id))
    .returning(publicTokenColumns);
  return row;
}
