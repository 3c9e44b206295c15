"use client";

import { Download, RefreshCw } from "lucide-react";
import { useTransition } from "react";
import { toast } from "sonner";
import { requestReportsAction } from "@/app/(app)/hosts/actions";
import { Button } from "@/components/ui/button";
import type { HostGroupChoice } from "@/lib/hosts/list-options";
import { HostAssignGroupsDialog } from "./host-list-assign-groups";
import { HostDeleteDialog } from "./host-list-delete-dialog";

type HostBulkBarProps = {
  hostIds: string[];
  canManage: boolean;
  canExport: boolean;
  groups: HostGroupChoice[];
  onDone: () => void;
};

/** What can be done with the selected hosts; each action is checked again on the server. */
export function HostBulkBar({ hostIds, canManage, canExport, groups, onDone }: HostBulkBarProps) {
  const [pending, startTransition] = useTransition();
  const count = hostIds.length;

  function reportNow() {
    startTransition(async () => {
      const result = await requestReportsAction(null, { hostIds });
      if (result.ok)
        toast.success(`Asked ${result.data.count} host${result.data.count === 1 ? "" : "s"} to report.`);
      else toast.error(result.error);
    });
  }

  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm"
      data-testid="hosts-bulk-bar"
    >
      <span className="mr-2 font-medium" data-testid="hosts-selected-count">
        {count} selected
      </span>
      {canManage ? (
        <>
          <HostAssignGroupsDialog hostIds={hostIds} groups={groups} onDone={onDone} />
          <Button
            size="sm"
            variant="outline"
            onClick={reportNow}
            disabled={pending}
            data-testid="bulk-report-now"
          >
            <RefreshCw className={pending ? "animate-spin" : undefined} />
            Fetch report now
          </Button>
        </>
      ) : null}
      {canExport ? (
        <Button size="sm" variant="outline" asChild>
          <a href={`/api/v1/hosts/export?ids=${hostIds.join(",")}`} download data-testid="bulk-export">
            <Download />
            Export selection
          </a>
        </Button>
      ) : null}
      {canManage ? <HostDeleteDialog hostIds={hostIds} onDone={onDone} /> : null}
    </div>
  );
}
