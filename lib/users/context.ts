// Shared pieces of the user services: who did it (for audit rows) and the loaded target.
import { type AdminUser, getAdminUser } from "@/db/queries/user-admin";
import { type AuditEvent, audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";

/** Where a change came from, for the audit row: server actions and route handlers pass it. */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a row id at all (anything else is simply not found, never a SQL error). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

export async function loadTargetUser(
  userId: string,
  tx?: Parameters<typeof getAdminUser>[1],
  lock = false,
): Promise<AdminUser> {
  const user = isUuid(userId) ? await getAdminUser(userId, tx, { lock }) : undefined;
  if (!user) throw new NotFoundError("User not found.");
  return user;
}

export function auditBy(
  actor: Actor,
  meta: RequestMeta,
  event: Pick<AuditEvent, "action" | "target" | "details">,
): Promise<void> {
  return audit({
    ...event,
    actor: { userId: actor.userId, label: actor.username },
    ip: meta.ip ?? null,
    userAgent: meta.userAgent ?? null,
  });
}

export function userTarget(userId: string) {
  return { type: "user", id: userId };
}
