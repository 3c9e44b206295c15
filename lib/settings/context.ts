// Shared by the settings services: the permission every one of them needs and the audit row.
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";

export { auditBy, type RequestMeta } from "@/lib/actor-audit";

export function assertSettingsAdmin(actor: Actor): void {
  assertPermission(actor, "can_manage_settings");
}
