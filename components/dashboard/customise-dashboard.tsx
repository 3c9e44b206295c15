"use client";

import { Settings2 } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";

import { resetDashboardLayout, saveDashboardLayout } from "@/app/(app)/dashboard-actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import type { LayoutCard } from "@/lib/dashboard/cards";
import type { DashboardCharts } from "@/lib/dashboard/charts";
import type { FleetOverview } from "@/lib/overview";

import { CustomisePanel } from "./customise-panel";
import { OverviewGrid } from "./overview-grid";

type Props = { overview: FleetOverview; layout: LayoutCard[]; charts: DashboardCharts; now: number };

/**
 * The stat grid with a Customise mode: while customising, the grid previews the draft; Save
 * stores it for this user, Cancel drops it, Reset returns to the role's default.
 */
export function CustomiseDashboard({ overview, layout, charts, now }: Props) {
  const [saved, setSaved] = useState(layout);
  const [draft, setDraft] = useState<LayoutCard[] | null>(null);
  const [pending, startTransition] = useTransition();
  const editing = draft !== null;

  const run = (work: () => ReturnType<typeof resetDashboardLayout>, success: string) =>
    startTransition(async () => {
      const result = await work();
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      setSaved(result.data);
      setDraft(null);
      toast.success(success);
    });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {editing ? (
          <>
            <Button
              type="button"
              variant="ghost"
              disabled={pending}
              onClick={() => run(() => resetDashboardLayout(null, {}), "Dashboard reset to the default.")}
              data-testid="customise-reset"
            >
              Reset to default
            </Button>
            <Button
              type="button"
              variant="outline"
              disabled={pending}
              onClick={() => setDraft(null)}
              data-testid="customise-cancel"
            >
              Cancel
            </Button>
            <Button
              type="button"
              disabled={pending}
              onClick={() => run(() => saveDashboardLayout(null, { cards: draft }), "Dashboard saved.")}
              data-testid="customise-save"
            >
              {pending ? "Saving…" : "Save"}
            </Button>
          </>
        ) : (
          <Button
            type="button"
            variant="outline"
            onClick={() => setDraft(saved)}
            data-testid="customise-open"
          >
            <Settings2 aria-hidden />
            Customise
          </Button>
        )}
      </div>
      {editing ? (
        <Card>
          <CardContent>
            <CustomisePanel cards={draft} onChange={setDraft} disabled={pending} />
          </CardContent>
        </Card>
      ) : null}
      <OverviewGrid overview={overview} layout={draft ?? saved} charts={charts} now={now} />
    </div>
  );
}
