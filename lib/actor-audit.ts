// What every service needs around a change: where the request came from, the audit row naming the
// actor, and ids checked before they reach SQL.
import { type AuditEvent, audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";

/** Where a change came from, for the audit row: server actions and route handlers pass it. */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a row id at all (anything else is simply not found, never a SQL error). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** `id` if it can be a row id; otherwise "`what` not found." */
export function idOrNotFound(id: string, what: string): string {
  if (!UUID.test(id)) throw new NotFoundError(`${what} not found.`);
  return id;
}
