import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { type AgentCommandType, agentCommands, bootstrapTokens, hosts } from "@/db/schema";

export async function createBootstrapToken(
  input: { hostId: string; tokenHash: string; expiresAt: Date },
  db: Executor = getDb(),
): Promise<void> {
  await db.insert(bootstrapTokens).values(input);
}

/**
 * Uses a bootstrap token: marks it used in the same statement that checks it is unused and
 * unexpired, so two concurrent exchanges cannot both succeed. Returns the host id, or undefined.
 */
export async function consumeBootstrapToken(
  tokenHash: string,
  db: Executor = getDb(),
): Promise<string | undefined> {
  const [row] = await db
    .update(bootstrapTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(bootstrapTokens.tokenHash, tokenHash),
        isNull(bootstrapTokens.usedAt),
        gt(bootstrapTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ hostId: bootstrapTokens.hostId });
  return row?.hostId;
}

/** Spends every unused bootstrap token of a host, so install commands shown earlier stop working. */
export async function revokeUnusedBootstrapTokens(hostId: string, db: Executor = getDb()): Promise<number> {
  const rows = await db
    .update(bootstrapTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(bootstrapTokens.hostId, hostId), isNull(bootstrapTokens.usedAt)))
    .returning({ hostId: bootstrapTokens.hostId });
  return rows.length;
}

/** The host a still-usable bootstrap token belongs to (the install script is fetched with it). */
export async function getBootstrapTokenHost(
  tokenHash: string,
  db: Executor = getDb(),
): Promise<{ hostId: string; apiId: string } | undefined> {
  const [row] = await db
    .select({ hostId: hosts.id, apiId: hosts.apiId })
    .from(bootstrapTokens)
    .innerJoin(hosts, eq(hosts.id, bootstrapTokens.hostId))
    .where(
      and(
        eq(bootstrapTokens.tokenHash, tokenHash),
        isNull(bootstrapTokens.usedAt),
        gt(bootstrapTokens.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return row;
}

/** Queues a command once: a second request while one of that type is queued changes nothing. */
export async function queueAgentCommand(
  input: {
    hostId: string;
    type: AgentCommandType;
    payload?: Record<string, unknown>;
    createdByUserId?: string;
  },
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .insert(agentCommands)
    .values(input)
    .onConflictDoNothing({
      target: [agentCommands.hostId, agentCommands.type],
      where: sql`${agentCommands.status} = 'queued'`,
    })
    .returning({ id: agentCommands.id });
  return rows.length > 0;
}

export type DeliveredCommand = { type: AgentCommandType; payload: Record<string, unknown> | null };

/**
 * Hands over a host's queued commands: the statement that reads them marks them delivered, so each
 * command reaches exactly one ping even when pings overlap.
 */
export async function takeQueuedCommands(
  hostId: string,
  db: Executor = getDb(),
): Promise<DeliveredCommand[]> {
  const rows = await db
    .update(agentCommands)
    .set({ status: "delivered", deliveredAt: sql`now()` })
    .where(
      and(
        eq(agentCommands.hostId, hostId),
        eq(agentCommands.status, "queued"),
        or(isNull(agentCommands.expiresAt), gt(agentCommands.expiresAt, sql`now()`)),
      ),
    )
    .returning({
      type: agentCommands.type,
      payload: agentCommands.payload,
      createdAt: agentCommands.createdAt,
    });
  return rows
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map(({ type, payload }) => ({ type, payload }));
}

export async function listAgentCommands(hostId: string, db: Executor = getDb()) {
  return db
    .select({
      type: agentCommands.type,
      status: agentCommands.status,
      deliveredAt: agentCommands.deliveredAt,
    })
    .from(agentCommands)
    .where(eq(agentCommands.hostId, hostId))
    .orderBy(asc(agentCommands.createdAt));
}
