import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Pagination } from "@/components/users/pagination";
import type { HostReportRow } from "@/lib/hosts/detail";
import { formatBytes } from "./host-detail-time";
import { ReportSummaryCells } from "./report-cells";

type Props = {
  hostId: string;
  rows: HostReportRow[];
  total: number;
  page: number;
  pageSize: number;
  now: number;
};

export function HostDetailHistory({ hostId, rows, total, page, pageSize, now }: Props) {
  if (total === 0) {
    return (
      <p
        className="rounded-lg border border-dashed p-8 text-center text-muted-foreground text-sm"
        data-testid="history-empty"
      >
        No reports yet. Each report the agent sends is listed here.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-4" data-testid="host-history">
      <div className="overflow-x-auto rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Packages</TableHead>
              <TableHead className="text-right">Updates</TableHead>
              <TableHead className="text-right">Security</TableHead>
              <TableHead className="text-right">Duration</TableHead>
              <TableHead className="text-right">Payload</TableHead>
              <TableHead>Agent</TableHead>
              <TableHead>Error</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((report) => (
              <TableRow key={report.id} data-testid="report-row">
                <ReportSummaryCells report={report} now={now} />
                <TableCell className="text-right tabular-nums">{formatBytes(report.payloadBytes)}</TableCell>
                <TableCell className="font-mono text-xs">{report.agentVersion ?? "—"}</TableCell>
                <TableCell
                  className="max-w-80 truncate text-destructive text-sm"
                  title={report.error ?? undefined}
                >
                  {report.error ?? ""}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Pagination
        basePath={`/hosts/${hostId}`}
        params={{ tab: "history" }}
        page={page}
        pageSize={pageSize}
        total={total}
      />
    </div>
  );
}
