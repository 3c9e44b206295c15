// Shared by the settings services: the permission every one of them needs and the audit row.
import { type AuditEvent, audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";

/** Where a change came from, for the audit row. */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

export function assertSettingsAdmin(actor: Actor): void {
  assertPermission(actor, "can_manage_settings");
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
