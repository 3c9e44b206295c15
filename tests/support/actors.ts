// Signed-in users for service and RBAC tests: a real user row, a real session row, and the Actor
// the request guard would load for it (lib/auth/actor.ts loadActor), so tests exercise the same path.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { roles, sessions, users } from "@/db/schema";
import { type Actor, loadActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/passwords";

export const TEST_PASSWORD = "Correct-Horse-9";

export type TestUser = { userId: string; username: string; email: string; actor: Actor };

/** A user of `roleName` (built-in or custom) with a live session; `password` sets a local password. */
export async function signedInUser(roleName: string, options: { password?: string } = {}): Promise<TestUser> {
  const db = getDb();
  const [role] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, roleName));
  if (!role) throw new Error(`no role ${roleName}`);
  const tag = randomUUID().slice(0, 8);
  const username = `${roleName.replace(/[^a-z0-9]/gi, "").toLowerCase()}-${tag}`;
  const email = `${username}@example.com`;
  const [user] = await db
    .insert(users)
    .values({
      username,
      email,
      // As an administrator would have created it.
      emailTrusted: true,
      roleId: role.id,
      passwordHash: options.password ? await hashPassword(options.password) : null,
    })
    .returning({ id: users.id });
  if (!user) throw new Error("user insert failed");
  const [session] = await db
    .insert(sessions)
    .values({ userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), tfaVerified: true })
    .returning({ id: sessions.id });
  if (!session) throw new Error("session insert failed");
  const actor = await loadActor(session.id);
  if (!actor) throw new Error("fresh session did not load");
  return { userId: user.id, username, email, actor };
}

export const BUILTIN_ROLES = ["superadmin", "admin", "host_manager", "user", "readonly"] as const;
