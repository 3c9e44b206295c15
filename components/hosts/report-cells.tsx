import { Badge } from "@/components/ui/badge";
import { TableCell } from "@/components/ui/table";
import { formatDuration, HostDetailTime } from "./host-detail-time";

type ReportSummary = {
  createdAt: Date;
  status: "success" | "unchanged" | "failed";
  packagesCount: number;
  updatesCount: number;
  securityUpdatesCount: number;
  executionTimeMs: number | null;
};

const STATUS_VARIANT = { success: "secondary", unchanged: "outline", failed: "destructive" } as const;

/** A report's time, status, counts and duration: the cells every report table shows, in order. */
export function ReportSummaryCells({ report, now }: { report: ReportSummary; now: number }) {
  return (
    <>
      <TableCell className="text-sm">
        <HostDetailTime value={report.createdAt} now={now} />
      </TableCell>
      <TableCell>
        <Badge variant={STATUS_VARIANT[report.status]}>{report.status}</Badge>
      </TableCell>
      <TableCell className="text-right tabular-nums">{report.packagesCount}</TableCell>
      <TableCell className="text-right tabular-nums">{report.updatesCount}</TableCell>
      <TableCell className="text-right tabular-nums">{report.securityUpdatesCount}</TableCell>
      <TableCell className="text-right tabular-nums">{formatDuration(report.executionTimeMs)}</TableCell>
    </>
  );
}
