// How a host's state reads in the list, the export and filters.
import type { ScopedHostRow } from "@/db/queries/host-admin";

export type { HostSort, ScopedHostRow } from "@/db/queries/host-admin";

export const HOST_STATUS_LABELS: Record<string, string> = {
  pending: "Pending",
  active: "Active",
  stale: "Stale",
  offline: "Offline",
  report_failed: "Report failed",
};

/** A failing package report outranks freshness: the host talks but its data is not current. */
export function hostStatusKey(host: Pick<ScopedHostRow, "status" | "lastReportStatus">): string {
  return host.lastReportStatus === "failed" ? "report_failed" : host.status;
}

export function hostStatusLabel(host: Pick<ScopedHostRow, "status" | "lastReportStatus">): string {
  return HOST_STATUS_LABELS[hostStatusKey(host)] ?? host.status;
}

/** The phrase a user types to delete hosts: "delete 1 host", "delete 3 hosts". */
export function deletePhrase(count: number): string {
  return `delete ${count} host${count === 1 ? "" : "s"}`;
}
