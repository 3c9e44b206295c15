// Host-group scope inputs must name groups that exist (a bad id is the caller's mistake, not a 500).
import { existingHostGroupIds, listHostGroupOptions } from "@/db/queries/roles";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { ServiceError } from "@/lib/errors";

export async function assertHostGroupsExist(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set(await existingHostGroupIds(ids));
  if (ids.some((id) => !found.has(id)))
    throw new ServiceError("Choose existing host groups.", {
      fieldErrors: { hostGroupIds: ["One of these host groups no longer exists"] },
    });
}

/** Host groups (id and name) for the scope pickers of the Users and Roles pages. */
export async function listHostGroupChoices(actor: Actor): Promise<{ id: string; name: string }[]> {
  assertPermission(actor, "can_view_users");
  const groups = await listHostGroupOptions();
  // A host-group-limited administrator only sees, and can only hand out, its own groups.
  if (actor.hostGroupScope === null) return groups;
  const allowed = new Set(actor.hostGroupScope);
  return groups.filter((group) => allowed.has(group.id));
}
