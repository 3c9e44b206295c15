import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

const STYLES: Record<string, string> = {
  succeeded: "border-emerald-500/30 text-emerald-700 dark:text-emerald-300",
  running: "border-sky-500/30 text-sky-700 dark:text-sky-300",
  failed: "border-red-500/30 text-red-700 dark:text-red-300",
};

export function RunOutcome({ status }: { status: string }) {
  return (
    <Badge variant="outline" className={cn("capitalize", STYLES[status])} data-testid="run-status">
      {status}
    </Badge>
  );
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
