// Hosts as users see and manage them (Hosts page, /api/v1/hosts). Every function takes the actor
// first, checks its permission, and passes its host-group scope to the query: a host outside the
// scope is "not found", never "forbidden", so its existence does not leak.

import { revokeUnusedBootstrapTokens } from "@/db/queries/agent";
import {
  deleteHostInScope,
  getHostGroupsByIds,
  getHostInScope,
  listHostsPage,
  type ScopedHostRow,
  setHostApiKeyHashInScope,
} from "@/db/queries/host-admin";
import type { PublicHost } from "@/db/queries/hosts";
import { auditBy, idOrNotFound, type RequestMeta } from "@/lib/actor-audit";
import { generateApiKey } from "@/lib/agent/credentials";
import { createHostWithCredentials } from "@/lib/agent/enrolment";
import { issueInstallCommand } from "@/lib/agent/install-command";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { type CreateHostInput, createHostSchema, type ListHostsInput, listHostsSchema } from "./schemas";

export type { CreateHostInput, ListHostsInput, RequestMeta, ScopedHostRow };

export type HostPage = { hosts: ScopedHostRow[]; total: number; page: number; pageSize: number };

/** What creating or regenerating hands out: the key appears here once and is stored only hashed. */
export type IssuedHostCredentials = {
  apiId: string;
  apiKey: string;
  installCommand: string;
  installCommandExpiresAt: Date;
};

/** A malformed id names no host: not found, never a SQL error. */
function hostIdOrNotFound(id: string): string {
  return idOrNotFound(id, "Host");
}

export async function listHostsFor(actor: Actor, input: ListHostsInput = {}): Promise<HostPage> {
  assertPermission(actor, "can_view_hosts");
  const query = listHostsSchema.parse(input);
  const { rows, total } = await listHostsPage({
    scope: actor.hostGroupScope,
    search: query.search,
    status: query.status,
    groupId: query.group,
    osType: query.os,
    needsUpdates: query.updates,
    security: query.security,
    reboot: query.reboot,
    stale: query.stale,
    ids: query.ids,
    sort: query.sort,
    order: query.order,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { hosts: rows, total, page: query.page, pageSize: query.pageSize };
}

export async function getHostFor(actor: Actor, id: string): Promise<ScopedHostRow> {
  assertPermission(actor, "can_view_hosts");
  const host = await getHostInScope(hostIdOrNotFound(id), actor.hostGroupScope);
  if (!host) throw new NotFoundError("Host not found.");
  return host;
}

/**
 * The groups must exist; a scoped actor must name at least one, all inside its scope (a host in no
 * group, or in a group it cannot see, would vanish from its own view the moment it is created).
 */
async function checkGroups(actor: Actor, groupIds: string[]): Promise<void> {
  const scope = actor.hostGroupScope;
  if (scope !== null && groupIds.length === 0) {
    throw new ServiceError("Choose at least one host group.", {
      fieldErrors: { groupIds: ["Choose at least one of your host groups"] },
    });
  }
  const allowed = scope === null ? null : new Set(scope);
  const found = new Set((await getHostGroupsByIds(groupIds)).map((group) => group.id));
  if (groupIds.some((id) => !found.has(id) || (allowed !== null && !allowed.has(id)))) {
    throw new ServiceError("Choose existing host groups.", {
      fieldErrors: { groupIds: ["One of these host groups does not exist"] },
    });
  }
}

export async function createHostFor(
  actor: Actor,
  input: CreateHostInput,
  meta: RequestMeta = {},
): Promise<IssuedHostCredentials & { host: PublicHost }> {
  assertPermission(actor, "can_manage_hosts");
  const { friendlyName, groupIds } = createHostSchema.parse(input);
  await checkGroups(actor, groupIds);
  const { host, apiKey } = await createHostWithCredentials({ friendlyName, groupIds });
  const install = await issueInstallCommand(host.id);
  await auditBy(actor, meta, {
    action: "host.created",
    target: { type: "host", id: host.id },
    details: { friendlyName, apiId: host.apiId, groupIds },
  });
  return {
    host,
    apiId: host.apiId,
    apiKey,
    installCommand: install.command,
    installCommandExpiresAt: install.expiresAt,
  };
}

/** A new key (the old one stops working at once) and a fresh install command. */
export async function regenerateCredentialsFor(
  actor: Actor,
  id: string,
  meta: RequestMeta = {},
): Promise<IssuedHostCredentials> {
  assertPermission(actor, "can_manage_hosts");
  const { apiKey, apiKeyHash } = generateApiKey();
  const host = await setHostApiKeyHashInScope(hostIdOrNotFound(id), apiKeyHash, actor.hostGroupScope);
  if (!host) throw new NotFoundError("Host not found.");
  await revokeUnusedBootstrapTokens(host.id);
  const install = await issueInstallCommand(host.id);
  await auditBy(actor, meta, {
    action: "host.credentials_regenerated",
    target: { type: "host", id: host.id },
    details: { friendlyName: host.friendlyName, apiId: host.apiId },
  });
  return {
    apiId: host.apiId,
    apiKey,
    installCommand: install.command,
    installCommandExpiresAt: install.expiresAt,
  };
}

export async function deleteHostFor(
  actor: Actor,
  id: string,
  meta: RequestMeta = {},
): Promise<{ id: string; apiId: string; friendlyName: string }> {
  assertPermission(actor, "can_manage_hosts");
  const host = await deleteHostInScope(hostIdOrNotFound(id), actor.hostGroupScope);
  if (!host) throw new NotFoundError("Host not found.");
  await auditBy(actor, meta, {
    action: "host.deleted",
    target: { type: "host", id: host.id },
    details: { friendlyName: host.friendlyName, apiId: host.apiId },
  });
  return host;
}
