import { ServerOff } from "lucide-react";

import { Card, CardContent } from "@/components/ui/card";

/** Shown above the stats while no host has enrolled, so the zeros below make sense. */
export function EmptyFleet() {
  return (
    <Card data-testid="dashboard-empty-state" className="border-dashed">
      <CardContent className="flex flex-col items-start gap-4 sm:flex-row sm:items-center">
        <span className="flex size-12 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <ServerOff className="size-6" aria-hidden />
        </span>
        <div className="flex flex-col gap-1">
          <h2 className="font-semibold text-lg">No hosts yet</h2>
          <p className="max-w-prose text-muted-foreground text-sm">
            Hosts appear here after their PatchMon agent sends its first report. Adding a host and copying its
            agent install command will be done from the Hosts page.
          </p>
        </div>
      </CardContent>
    </Card>
  );
}
