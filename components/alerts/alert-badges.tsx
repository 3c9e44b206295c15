import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

const SEVERITY_STYLES: Record<string, string> = {
  informational: "border-sky-500/30 bg-sky-500/10 text-sky-700 dark:text-sky-300",
  warning: "border-amber-500/30 bg-amber-500/10 text-amber-700 dark:text-amber-300",
  error: "border-red-500/30 bg-red-500/10 text-red-700 dark:text-red-300",
  critical: "border-red-600 bg-red-600 text-white dark:bg-red-700",
};

const STATUS_STYLES: Record<string, string> = {
  open: "border-red-500/30 text-red-700 dark:text-red-300",
  acknowledged: "border-amber-500/30 text-amber-700 dark:text-amber-300",
  resolved: "border-emerald-500/30 text-emerald-700 dark:text-emerald-300",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge variant="outline" className={cn("capitalize", SEVERITY_STYLES[severity])}>
      {severity}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="outline" className={cn("capitalize", STATUS_STYLES[status])} data-testid="alert-status">
      {status}
    </Badge>
  );
}
