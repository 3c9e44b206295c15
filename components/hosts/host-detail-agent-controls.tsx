"use client";

import { RefreshCw } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";

import { requestReportAction, setAutoUpdateAction } from "@/app/(app)/hosts/[id]/actions";
import { useRunAction } from "@/components/alerts/use-run-action";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

/** "Fetch report now" and this host's auto-update switch. */
export function HostDetailAgentControls({ hostId, autoUpdate }: { hostId: string; autoUpdate: boolean }) {
  const report = useRunAction();
  const [toggling, startToggle] = useTransition();
  // Shown at once; the server's answer (and the revalidated page) confirms or reverts it.
  const [checked, setChecked] = useState(autoUpdate);
  return (
    <div className="flex flex-wrap items-center gap-6">
      <Button
        variant="outline"
        disabled={report.pending}
        data-testid="host-fetch-report"
        onClick={() =>
          report.run(requestReportAction, { hostId }, (data) =>
            data.queued
              ? "Report requested: the agent sends one at its next check-in."
              : "A report request is already waiting for the agent.",
          )
        }
      >
        <RefreshCw aria-hidden className={report.pending ? "animate-spin" : undefined} /> Fetch report now
      </Button>
      <div className="flex items-center gap-2">
        <Switch
          id="host-auto-update"
          checked={checked}
          disabled={toggling}
          data-testid="host-auto-update"
          onCheckedChange={(next) => {
            setChecked(next);
            startToggle(async () => {
              const result = await setAutoUpdateAction(null, { hostId, enabled: String(next) });
              if (result.ok) {
                toast.success(
                  next
                    ? "Agent auto-update turned on for this host."
                    : "Agent auto-update turned off for this host.",
                );
              } else {
                toast.error(result.error);
                setChecked(!next);
              }
            });
          }}
        />
        <Label htmlFor="host-auto-update">Update the agent automatically</Label>
      </div>
    </div>
  );
}
