// Choices for the Hosts page's filters and forms, limited to what the actor can see.
import { listHostOsTypes } from "@/db/queries/host-admin";
import { listHostGroupOptions } from "@/db/queries/roles";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";

export type HostGroupChoice = { id: string; name: string };

/** Host groups the actor may filter by and assign: all, or only those of its scope. */
export async function hostGroupChoicesFor(actor: Actor): Promise<HostGroupChoice[]> {
  assertPermission(actor, "can_view_hosts");
  const groups = await listHostGroupOptions();
  if (actor.hostGroupScope === null) return groups;
  const allowed = new Set(actor.hostGroupScope);
  return groups.filter((group) => allowed.has(group.id));
}

export async function hostOsTypesFor(actor: Actor): Promise<string[]> {
  assertPermission(actor, "can_view_hosts");
  return listHostOsTypes(actor.hostGroupScope);
}
