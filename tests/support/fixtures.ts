import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { roles, sessions, users } from "@/db/schema";

export async function seedUser(roleName = "user"): Promise<string> {
  const db = getDb();
  const [role] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, roleName));
  if (!role) throw new Error(`no role ${roleName}`);
  const tag = randomUUID().slice(0, 8);
  const [user] = await db
    .insert(users)
    .values({
      username: `fixture-${tag}`,
      email: `fixture-${tag}@example.com`,
      roleId: role.id,
      passwordHash: null,
    })
    .returning({ id: users.id });
  if (!user) throw new Error("user insert failed");
  return user.id;
}

/** Two expired sessions, one revoked, one idle past the inactivity timeout, and two live ones. */
export async function seedSessions(): Promise<{ expiredIds: string[]; liveIds: string[] }> {
  const userId = await seedUser();
  const now = Date.now();
  const rows = await getDb()
    .insert(sessions)
    .values([
      { userId, expiresAt: new Date(now - 60_000) },
      { userId, expiresAt: new Date(now - 86_400_000) },
      { userId, expiresAt: new Date(now + 3_600_000), revokedAt: new Date(now - 1000) },
      { userId, expiresAt: new Date(now + 3_600_000), lastActivityAt: new Date(now - 31 * 60_000) },
      { userId, expiresAt: new Date(now + 3_600_000) },
      { userId, expiresAt: new Date(now + 86_400_000) },
    ])
    .returning({ id: sessions.id });
  const ids = rows.map((row) => row.id);
  return { expiredIds: ids.slice(0, 4), liveIds: ids.slice(4) };
}

export async function countSessions(ids: string[]): Promise<number> {
  const rows = await getDb().select({ id: sessions.id }).from(sessions).where(inArray(sessions.id, ids));
  return rows.length;
}
