// Host groups (the Host groups page). Viewing needs can_view_hosts, changing can_manage_hosts. A
// scoped actor sees and edits only the groups of its scope, and may not create groups: a new group
// would lie outside its scope the moment it exists. A group outside scope is "not found".

import { isForeignKeyViolation, isUniqueViolation } from "@/db/errors";
import {
  deleteHostGroupInScope,
  getHostGroupInScope,
  type HostGroupRow,
  insertHostGroup,
  listHostGroupsInScope,
  updateHostGroupInScope,
} from "@/db/queries/host-groups";
import { auditBy, idOrNotFound, type RequestMeta } from "@/lib/actor-audit";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission, hasPermission } from "@/lib/auth/guard";
import { NotFoundError, PermissionError, ServiceError } from "@/lib/errors";
import { type HostGroupInput, hostGroupInputSchema } from "./schemas";

export type { HostGroupRow, RequestMeta };

function groupIdOrNotFound(id: string): string {
  return idOrNotFound(id, "Host group");
}

function duplicateName(): ServiceError {
  return new ServiceError("A host group with this name already exists.", {
    fieldErrors: { name: ["This name is taken"] },
  });
}

/** Whether the actor may create groups at all (the page hides the button otherwise). */
export function canCreateHostGroups(actor: Actor): boolean {
  return hasPermission(actor, "can_manage_hosts") && actor.hostGroupScope === null;
}

export async function listHostGroupsFor(actor: Actor): Promise<HostGroupRow[]> {
  assertPermission(actor, "can_view_hosts");
  return listHostGroupsInScope(actor.hostGroupScope);
}

export async function getHostGroupFor(actor: Actor, id: string): Promise<HostGroupRow> {
  assertPermission(actor, "can_view_hosts");
  const group = await getHostGroupInScope(groupIdOrNotFound(id), actor.hostGroupScope);
  if (!group) throw new NotFoundError("Host group not found.");
  return group;
}

export async function createHostGroupFor(
  actor: Actor,
  input: HostGroupInput,
  meta: RequestMeta = {},
): Promise<HostGroupRow> {
  assertPermission(actor, "can_manage_hosts");
  if (actor.hostGroupScope !== null) {
    throw new PermissionError("Your access is limited to some host groups, so you cannot create new ones.");
  }
  const values = hostGroupInputSchema.parse(input);
  let group: HostGroupRow;
  try {
    group = await insertHostGroup(values);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
  await auditBy(actor, meta, {
    action: "host_group.created",
    target: { type: "host_group", id: group.id },
    details: { name: group.name, color: group.color },
  });
  return group;
}

export async function updateHostGroupFor(
  actor: Actor,
  id: string,
  input: HostGroupInput,
  meta: RequestMeta = {},
): Promise<HostGroupRow> {
  assertPermission(actor, "can_manage_hosts");
  const groupId = groupIdOrNotFound(id);
  const values = hostGroupInputSchema.parse(input);
  const before = await getHostGroupInScope(groupId, actor.hostGroupScope);
  if (!before) throw new NotFoundError("Host group not found.");
  let group: HostGroupRow | undefined;
  try {
    group = await updateHostGroupInScope(groupId, values, actor.hostGroupScope);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName();
    throw error;
  }
  if (!group) throw new NotFoundError("Host group not found.");
  await auditBy(actor, meta, {
    action: "host_group.updated",
    target: { type: "host_group", id: group.id },
    details: {
      name: group.name,
      ...(before.name !== group.name ? { previousName: before.name } : {}),
      color: group.color,
    },
  });
  return group;
}

/** Deletes the group; its hosts stay and lose only this membership. */
export async function deleteHostGroupFor(
  actor: Actor,
  id: string,
  meta: RequestMeta = {},
): Promise<{ id: string; name: string; hostCount: number }> {
  assertPermission(actor, "can_manage_hosts");
  const deleted = await deleteHostGroupInScope(groupIdOrNotFound(id), actor.hostGroupScope).catch((error) => {
    // role_host_groups / user_host_groups restrict: deleting a group that limits a role or user
    // would silently widen their access to the whole fleet.
    if (isForeignKeyViolation(error)) {
      throw new ServiceError(
        "This group limits what some roles or users may see. Remove it from their host-group scope first (Roles and Users pages).",
        { status: 409 },
      );
    }
    throw error;
  });
  if (!deleted) throw new NotFoundError("Host group not found.");
  await auditBy(actor, meta, {
    action: "host_group.deleted",
    target: { type: "host_group", id: deleted.id },
    details: { name: deleted.name, hostCount: deleted.hostCount },
  });
  return deleted;
}
