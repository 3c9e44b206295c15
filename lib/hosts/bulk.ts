// Bulk actions of the Hosts page. Every id is checked against the actor's host-group scope first,
// and one id outside it refuses the whole action as "not found": a partial success would hide
// which hosts were skipped, and a different error would reveal that the host exists.

import { z } from "zod";
import { queueAgentCommand } from "@/db/queries/agent";
import { getHostGroupsByIds } from "@/db/queries/host-admin";
import {
  addHostsToGroups,
  deleteHostsInScope,
  hostsInScope,
  hostsOutsideScope,
  removeHostsFromGroups,
} from "@/db/queries/host-bulk";
import { withTransaction } from "@/db/queries/transaction";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { deletePhrase } from "./labels";
import type { RequestMeta } from "./service";

export { deletePhrase };

export const MAX_BULK_HOSTS = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const hostIdsSchema = z
  .array(z.string())
  .min(1, "Select at least one host")
  .max(MAX_BULK_HOSTS, `Select at most ${MAX_BULK_HOSTS} hosts`)
  .transform((ids) => [...new Set(ids)]);

export const assignGroupsSchema = z.object({
  hostIds: hostIdsSchema,
  groupIds: z.array(z.string()).min(1, "Choose at least one host group"),
  mode: z.enum(["add", "remove"]),
});
export const hostIdsInputSchema = z.object({ hostIds: hostIdsSchema });
export const bulkDeleteSchema = z.object({ hostIds: hostIdsSchema, confirmation: z.string() });

async function hostsOrNotFound(actor: Actor, ids: string[]) {
  if (ids.some((id) => !UUID.test(id))) throw new NotFoundError("Host not found.");
  const found = await hostsInScope(ids, actor.hostGroupScope);
  if (found.length !== ids.length) throw new NotFoundError("Host not found.");
  return found;
}

function auditEach(
  actor: Actor,
  meta: RequestMeta,
  action: "host.deleted" | "host.report_requested" | "host.groups_changed",
  hosts: { id: string; apiId: string; friendlyName: string }[],
  details: Record<string, unknown> = {},
) {
  return Promise.all(
    hosts.map((host) =>
      audit({
        action,
        actor: { userId: actor.userId, label: actor.username },
        target: { type: "host", id: host.id },
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
        details: { friendlyName: host.friendlyName, apiId: host.apiId, bulk: true, ...details },
      }),
    ),
  );
}

export async function assignHostGroupsFor(
  actor: Actor,
  input: z.input<typeof assignGroupsSchema>,
  meta: RequestMeta = {},
) {
  assertPermission(actor, "can_manage_hosts");
  const { hostIds, groupIds, mode } = assignGroupsSchema.parse(input);
  const hosts = await hostsOrNotFound(actor, hostIds);
  const scope = actor.hostGroupScope;
  const found = await getHostGroupsByIds(groupIds.filter((id) => UUID.test(id)));
  if (
    found.length !== new Set(groupIds).size ||
    (scope !== null && found.some((group) => !scope.includes(group.id)))
  ) {
    throw new ServiceError("Choose existing host groups.", {
      fieldErrors: { groupIds: ["One of these host groups does not exist"] },
    });
  }
  await withTransaction(async (tx) => {
    if (mode === "add") await addHostsToGroups(hostIds, groupIds, tx);
    else await removeHostsFromGroups(hostIds, groupIds, tx);
    // A scoped user may not take a host out of its own reach.
    if (scope !== null && (await hostsOutsideScope(hostIds, scope, tx)).length > 0) {
      throw new ServiceError("A host must stay in at least one of your host groups.");
    }
  });
  await auditEach(actor, meta, "host.groups_changed", hosts, {
    [mode === "add" ? "added" : "removed"]: found.map((g) => g.name),
  });
  return { count: hosts.length };
}

export async function requestReportsFor(
  actor: Actor,
  input: z.input<typeof hostIdsInputSchema>,
  meta: RequestMeta = {},
) {
  assertPermission(actor, "can_manage_hosts");
  const { hostIds } = hostIdsInputSchema.parse(input);
  const hosts = await hostsOrNotFound(actor, hostIds);
  let queued = 0;
  for (const host of hosts) {
    if (await queueAgentCommand({ hostId: host.id, type: "report_now", createdByUserId: actor.userId }))
      queued++;
  }
  await auditEach(actor, meta, "host.report_requested", hosts);
  return { count: hosts.length, queued };
}

export async function deleteHostsFor(
  actor: Actor,
  input: z.input<typeof bulkDeleteSchema>,
  meta: RequestMeta = {},
) {
  assertPermission(actor, "can_manage_hosts");
  const { hostIds, confirmation } = bulkDeleteSchema.parse(input);
  const expected = deletePhrase(hostIds.length);
  if (confirmation.trim().toLowerCase() !== expected) {
    throw new ServiceError(`Type "${expected}" to confirm.`, {
      fieldErrors: { confirmation: [`Type "${expected}"`] },
    });
  }
  await hostsOrNotFound(actor, hostIds);
  const deleted = await deleteHostsInScope(hostIds, actor.hostGroupScope);
  await auditEach(actor, meta, "host.deleted", deleted);
  return { count: deleted.length };
}
