// The Hosts table's optional columns. Which are shown is remembered per browser in a cookie
// (pm_host_columns): user preferences have no column for it, and a cookie lets the server render
// the chosen columns on the first paint.
import type { HostSort } from "@/lib/hosts/labels";

export const HOST_COLUMNS_COOKIE = "pm_host_columns";

export type HostColumnKey =
  | "hostname"
  | "ip"
  | "groups"
  | "os"
  | "agent"
  | "status"
  | "reboot"
  | "uptime"
  | "updates"
  | "security"
  | "oldest_security"
  | "last_report";

export const HOST_COLUMNS: { key: HostColumnKey; label: string; sort: HostSort; numeric?: boolean }[] = [
  { key: "hostname", label: "Hostname", sort: "hostname" },
  { key: "ip", label: "IP", sort: "ip" },
  { key: "groups", label: "Groups", sort: "groups" },
  { key: "os", label: "OS", sort: "os" },
  { key: "agent", label: "Agent", sort: "agent_version" },
  { key: "status", label: "Status", sort: "status" },
  { key: "reboot", label: "Reboot", sort: "reboot" },
  { key: "uptime", label: "Uptime", sort: "uptime" },
  { key: "updates", label: "Updates", sort: "updates", numeric: true },
  { key: "security", label: "Security", sort: "security_updates", numeric: true },
  { key: "oldest_security", label: "Oldest security (days)", sort: "oldest_security", numeric: true },
  { key: "last_report", label: "Last report", sort: "last_report" },
];

export const DEFAULT_HOST_COLUMNS: HostColumnKey[] = [
  "hostname",
  "ip",
  "groups",
  "os",
  "status",
  "reboot",
  "updates",
  "security",
  "last_report",
];

/** The cookie's list, keeping only known keys; the default when unset or empty. */
export function parseHostColumns(value: string | undefined): HostColumnKey[] {
  if (!value) return DEFAULT_HOST_COLUMNS;
  const known = new Set<string>(HOST_COLUMNS.map((column) => column.key));
  const keys = decodeURIComponent(value)
    .split(",")
    .filter((key): key is HostColumnKey => known.has(key));
  return keys.length > 0 ? keys : DEFAULT_HOST_COLUMNS;
}
