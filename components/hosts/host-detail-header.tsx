import { ArrowLeft, RotateCw } from "lucide-react";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { HostStatus, ReportStatus } from "@/lib/hosts/detail";
import { cn } from "@/lib/utils";
import { HostDetailTime } from "./host-detail-time";

export type HostHeaderData = {
  friendlyName: string;
  hostname: string | null;
  status: HostStatus;
  lastReportStatus: ReportStatus | null;
  needsReboot: boolean;
  rebootReason: string | null;
  lastContactAt: Date | null;
  lastReportAt: Date | null;
};

type DisplayStatus = HostStatus | "report failed";

// A host in contact whose last report failed is shown as failing: "active" would hide the problem.
export function displayStatus(host: Pick<HostHeaderData, "status" | "lastReportStatus">): DisplayStatus {
  return host.lastReportStatus === "failed" && host.status !== "pending" ? "report failed" : host.status;
}

const STATUS_STYLES: Record<DisplayStatus, string> = {
  pending: "border-border bg-muted text-muted-foreground",
  active: "border-transparent bg-emerald-600 text-white dark:bg-emerald-500/30 dark:text-emerald-200",
  stale: "border-transparent bg-amber-500 text-white dark:bg-amber-500/30 dark:text-amber-200",
  offline: "border-transparent bg-zinc-600 text-white dark:bg-zinc-500/40 dark:text-zinc-100",
  "report failed": "border-transparent bg-destructive text-white dark:bg-destructive/60",
};

export function HostStatusBadge({ host }: { host: Pick<HostHeaderData, "status" | "lastReportStatus"> }) {
  const status = displayStatus(host);
  return (
    <Badge className={cn("capitalize", STATUS_STYLES[status])} data-testid="host-status">
      {status}
    </Badge>
  );
}

export function HostDetailHeader({ host, now }: { host: HostHeaderData; now: number }) {
  return (
    <div className="flex flex-col gap-3">
      <Button asChild variant="ghost" size="sm" className="w-fit">
        <Link href="/hosts">
          <ArrowLeft aria-hidden /> Hosts
        </Link>
      </Button>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-semibold text-2xl tracking-tight" data-testid="page-heading">
          {host.friendlyName}
        </h1>
        <HostStatusBadge host={host} />
        {host.needsReboot ? (
          <Badge
            variant="outline"
            className="border-amber-500 text-amber-700 dark:text-amber-300"
            data-testid="host-reboot"
          >
            <RotateCw aria-hidden /> Reboot needed
          </Badge>
        ) : null}
      </div>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr] md:flex md:flex-wrap">
        <div className="flex gap-1.5">
          <dt className="text-muted-foreground">Hostname</dt>
          <dd className="font-mono" data-testid="host-hostname">
            {host.hostname ?? "not reported yet"}
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-muted-foreground">Last contact</dt>
          <dd>
            <HostDetailTime value={host.lastContactAt} now={now} testId="host-last-contact" />
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-muted-foreground">Last report</dt>
          <dd>
            <HostDetailTime value={host.lastReportAt} now={now} testId="host-last-report" />
          </dd>
        </div>
        {host.needsReboot && host.rebootReason ? (
          <div className="flex gap-1.5">
            <dt className="text-muted-foreground">Reboot reason</dt>
            <dd data-testid="host-reboot-reason">{host.rebootReason}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
