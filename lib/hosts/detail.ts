// The host detail page's data and changes. Like lib/hosts/service.ts: the actor comes first, the
// permission is checked here, and a host outside the actor's host-group scope (or a malformed id)
// is "not found" for every tab, so nothing about it leaks.
import { z } from "zod";
import { queueAgentCommand } from "@/db/queries/agent";
import {
  getHostFactsInScope,
  listHostPackagesPage,
  listHostReportsPage,
  listHostRepositories,
  listRecentHostCommands,
  PACKAGE_FILTERS,
  setHostAutoUpdateInScope,
  setHostNotesInScope,
} from "@/db/queries/host-detail";
import { getSettings } from "@/db/queries/settings";
import { issueInstallCommand } from "@/lib/agent/install-command";
import { curlFlags, resolveServerUrl } from "@/lib/agent/install-script";
import { type AuditAction, audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { getHostFor, type RequestMeta } from "./service";

export type {
  HostCommandRow,
  HostFacts,
  HostPackageRow,
  HostReportRow,
  HostRepositoryRow,
  PackageFilter,
} from "@/db/queries/host-detail";
export type { PublicHost } from "@/db/queries/hosts";
export type { HostStatus, ReportStatus } from "@/db/schema";

export const NOTES_MAX_LENGTH = 10_000;
export const HOST_PACKAGES_PAGE_SIZE = 50;
export const HOST_REPORTS_PAGE_SIZE = 25;

const page = z.coerce.number().int().min(1).max(100_000).catch(1);

export const hostPackagesQuerySchema = z.object({
  filter: z.enum(PACKAGE_FILTERS).catch("all"),
  search: z.string().trim().max(200).optional().catch(undefined),
  page,
});
export type HostPackagesInput = { filter?: string; search?: string; page?: string | number };

export const notesSchema = z.object({
  // Trimmed first: surrounding blank lines do not count towards the limit.
  notes: z
    .string()
    .trim()
    .max(NOTES_MAX_LENGTH, `Notes can be at most ${NOTES_MAX_LENGTH.toLocaleString("en")} characters.`),
});

/** The host header row (scope and permission checked) and its system facts. */
export async function getHostDetailFor(actor: Actor, id: string) {
  const host = await getHostFor(actor, id);
  const facts = await getHostFactsInScope(host.id, actor.hostGroupScope);
  if (!facts) throw new NotFoundError("Host not found.");
  return { host, facts };
}

export async function listHostPackagesFor(actor: Actor, id: string, input: HostPackagesInput = {}) {
  const host = await getHostFor(actor, id);
  const query = hostPackagesQuerySchema.parse(input);
  const pageSize = HOST_PACKAGES_PAGE_SIZE;
  const { rows, total } = await listHostPackagesPage({
    hostId: host.id,
    filter: query.filter,
    search: query.search || undefined,
    limit: pageSize,
    offset: (query.page - 1) * pageSize,
  });
  return { rows, total, page: query.page, pageSize, filter: query.filter, search: query.search ?? "" };
}

export async function listHostRepositoriesFor(actor: Actor, id: string) {
  const host = await getHostFor(actor, id);
  return listHostRepositories(host.id);
}

export async function listHostReportsFor(actor: Actor, id: string, input: { page?: unknown } = {}) {
  const host = await getHostFor(actor, id);
  const current = page.parse(input.page);
  const pageSize = HOST_REPORTS_PAGE_SIZE;
  const { rows, total } = await listHostReportsPage({
    hostId: host.id,
    limit: pageSize,
    offset: (current - 1) * pageSize,
  });
  return { rows, total, page: current, pageSize };
}

/** What the agent tab shows to every viewer: queued commands and the (credential-free) remove command. */
export async function getHostAgentInfoFor(actor: Actor, id: string) {
  const host = await getHostFor(actor, id);
  const [commands, settings] = await Promise.all([listRecentHostCommands(host.id), getSettings()]);
  const removeCommand = `curl ${curlFlags(settings)} ${resolveServerUrl(settings)}/api/v1/hosts/remove | sudo sh`;
  return { commands, removeCommand };
}

function auditHost(
  actor: Actor,
  meta: RequestMeta,
  action: AuditAction,
  host: { id: string },
  details: Record<string, unknown>,
) {
  return audit({
    action,
    actor: { userId: actor.userId, label: actor.username },
    target: { type: "host", id: host.id },
    ip: meta.ip ?? null,
    userAgent: meta.userAgent ?? null,
    details,
  });
}

export async function updateHostNotesFor(actor: Actor, id: string, input: unknown, meta: RequestMeta = {}) {
  assertPermission(actor, "can_manage_hosts");
  const parsed = notesSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Notes are not valid.";
    throw new ServiceError(message, { fieldErrors: { notes: [message] } });
  }
  const notes = parsed.data.notes.trim() || null;
  const host = await getHostFor(actor, id);
  const changed = await setHostNotesInScope(host.id, notes, actor.hostGroupScope);
  if (!changed) throw new NotFoundError("Host not found.");
  // The notes themselves may be long or sensitive: the audit row records the size, not the text.
  await auditHost(actor, meta, "host.notes_updated", changed, {
    friendlyName: changed.friendlyName,
    length: notes?.length ?? 0,
  });
  return { notes };
}

export async function setHostAutoUpdateFor(
  actor: Actor,
  id: string,
  enabled: boolean,
  meta: RequestMeta = {},
) {
  assertPermission(actor, "can_manage_hosts");
  const host = await getHostFor(actor, id);
  const changed = await setHostAutoUpdateInScope(host.id, enabled, actor.hostGroupScope);
  if (!changed) throw new NotFoundError("Host not found.");
  await auditHost(actor, meta, "host.auto_update_changed", changed, {
    friendlyName: changed.friendlyName,
    autoUpdate: enabled,
  });
  return { autoUpdate: enabled };
}

/** Queues "report now" for the agent's next ping; a second press while one waits queues nothing. */
export async function requestHostReportFor(actor: Actor, id: string, meta: RequestMeta = {}) {
  assertPermission(actor, "can_manage_hosts");
  const host = await getHostFor(actor, id);
  const queued = await queueAgentCommand({
    hostId: host.id,
    type: "report_now",
    createdByUserId: actor.userId,
  });
  if (queued) {
    await auditHost(actor, meta, "host.report_requested", host, { friendlyName: host.friendlyName });
  }
  return { queued };
}

/** A fresh one-time install command (a bootstrap token, never the API key). */
export async function issueHostInstallCommandFor(actor: Actor, id: string, meta: RequestMeta = {}) {
  assertPermission(actor, "can_manage_hosts");
  const host = await getHostFor(actor, id);
  const issued = await issueInstallCommand(host.id);
  await auditHost(actor, meta, "host.install_command_issued", host, { friendlyName: host.friendlyName });
  return { command: issued.command, expiresAt: issued.expiresAt };
}
