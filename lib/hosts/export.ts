// The hosts CSV export: the same filters as the Hosts page, read a page at a time so the whole
// fleet is never held in memory.
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { hostStatusLabel } from "./labels";
import { type ListHostsInput, listHostsSchema } from "./schemas";
import { listHostsFor, type ScopedHostRow } from "./service";

const EXPORT_PAGE_SIZE = 100;

export const HOST_EXPORT_HEADER = [
  "Friendly name",
  "Hostname",
  "IP",
  "Groups",
  "OS",
  "OS version",
  "Agent version",
  "Status",
  "Needs reboot",
  "Uptime",
  "Updates",
  "Security updates",
  "Oldest security update pending since",
  "Last report",
  "API ID",
];

function exportRow(host: ScopedHostRow): unknown[] {
  return [
    host.friendlyName,
    host.hostname,
    host.ip,
    host.groups.map((group) => group.name),
    host.osType,
    host.osVersion,
    host.agentVersion,
    hostStatusLabel(host),
    host.needsReboot ? "yes" : "no",
    host.systemUptime,
    host.updatesCount,
    host.securityUpdatesCount,
    host.oldestSecurityPendingSince ? new Date(host.oldestSecurityPendingSince) : null,
    host.lastReportAt ? new Date(host.lastReportAt) : null,
    host.apiId,
  ];
}

/**
 * Rows of the filtered list in the list's order. Permissions are checked before the first row so
 * a refusal is an error answer, not a broken download.
 */
export function exportHostRowsFor(actor: Actor, input: ListHostsInput): AsyncIterable<unknown[]> {
  assertPermission(actor, "can_view_hosts");
  assertPermission(actor, "can_export_data");
  const query = listHostsSchema.parse({ ...input, page: 1, pageSize: EXPORT_PAGE_SIZE });
  return {
    async *[Symbol.asyncIterator]() {
      for (let page = 1; ; page++) {
        const { hosts } = await listHostsFor(actor, { ...query, page, pageSize: EXPORT_PAGE_SIZE });
        for (const host of hosts) yield exportRow(host);
        if (hosts.length < EXPORT_PAGE_SIZE) return;
      }
    },
  };
}
