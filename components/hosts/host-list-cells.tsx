import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { ScopedHostRow } from "@/lib/hosts/labels";
import { HOST_STATUS_LABELS, hostStatusKey } from "@/lib/hosts/labels";
import { cn } from "@/lib/utils";
import type { HostColumnKey } from "./host-list-columns";

const DAY_MS = 86_400_000;

const STATUS_CLASSES: Record<string, string> = {
  active: "border-emerald-500/40 bg-emerald-500/10 text-emerald-700 dark:text-emerald-400",
  pending: "border-slate-400/40 bg-slate-400/10 text-slate-700 dark:text-slate-300",
  stale: "border-amber-500/40 bg-amber-500/10 text-amber-700 dark:text-amber-400",
  offline: "border-red-500/40 bg-red-500/10 text-red-700 dark:text-red-400",
  report_failed: "border-red-500/40 bg-red-500/10 text-red-700 dark:text-red-400",
};

export function HostStatusBadge({ host }: { host: Pick<ScopedHostRow, "status" | "lastReportStatus"> }) {
  const key = hostStatusKey(host);
  return (
    <Badge variant="outline" className={STATUS_CLASSES[key]} data-testid="host-status">
      {HOST_STATUS_LABELS[key]}
    </Badge>
  );
}

/** "5 min ago" against a `now` fixed by the server, so server and browser render the same text. */
export function ago(value: Date | string | null, now: number): string {
  if (!value) return "Never";
  const seconds = Math.max(0, Math.round((now - new Date(value).getTime()) / 1000));
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

const dash = <span className="text-muted-foreground">—</span>;

export function HostCell({ host, column, now }: { host: ScopedHostRow; column: HostColumnKey; now: number }) {
  switch (column) {
    case "hostname":
      return host.hostname ?? dash;
    case "ip":
      return host.ip ? <span className="font-mono text-xs">{host.ip}</span> : dash;
    case "groups":
      return host.groups.length === 0 ? (
        <span className="text-muted-foreground text-xs">Ungrouped</span>
      ) : (
        <span className="flex flex-wrap gap-1">
          {host.groups.map((group) => (
            <span
              key={group.id}
              className="inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs"
              data-testid="host-group-chip"
            >
              <span className="size-2 rounded-full" style={{ backgroundColor: group.color }} aria-hidden />
              {group.name}
            </span>
          ))}
        </span>
      );
    case "os":
      return host.osType ? `${host.osType} ${host.osVersion ?? ""}`.trim() : dash;
    case "agent":
      return host.agentVersion ?? dash;
    case "status":
      return <HostStatusBadge host={host} />;
    case "reboot":
      return host.needsReboot ? (
        <Badge variant="outline" className={STATUS_CLASSES.stale}>
          Required
        </Badge>
      ) : (
        dash
      );
    case "uptime":
      return host.systemUptime ?? dash;
    case "updates":
    case "security": {
      const count = column === "updates" ? host.updatesCount : host.securityUpdatesCount;
      return (
        <Link
          href={`/hosts/${host.id}?tab=packages${column === "security" ? "&security=1" : ""}`}
          className={cn("tabular-nums hover:underline", count === 0 && "text-muted-foreground")}
          data-testid={`host-${column}-count`}
        >
          {count}
        </Link>
      );
    }
    case "oldest_security":
      return host.oldestSecurityPendingSince ? (
        <span className="tabular-nums">
          {Math.floor((now - new Date(host.oldestSecurityPendingSince).getTime()) / DAY_MS)}
        </span>
      ) : (
        dash
      );
    case "last_report":
      return (
        <span title={host.lastReportAt ? new Date(host.lastReportAt).toISOString() : undefined}>
          {ago(host.lastReportAt, now)}
        </span>
      );
  }
}
