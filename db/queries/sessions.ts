import { and, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { sessions } from "@/db/schema";

/** Ends every live session of a user (after a password reset, say). Returns how many were ended. */
export async function revokeUserSessions(userId: string, db: Executor = getDb()): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
