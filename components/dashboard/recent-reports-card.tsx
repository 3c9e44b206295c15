import Link from "next/link";

import { ReportSummaryCells } from "@/components/hosts/report-cells";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RecentReport } from "@/lib/dashboard/charts";

/** The latest reports of hosts in the viewer's scope; each links to that host's report history. */
export function RecentReportsCard({
  reports,
  now,
  canAddHosts,
}: {
  reports: RecentReport[];
  now: number;
  canAddHosts: boolean;
}) {
  return (
    <Card className="h-full gap-3 py-4 sm:py-5" data-testid="recent-reports">
      <CardHeader className="px-4 sm:px-5">
        <CardTitle className="font-medium text-base">Recent reports</CardTitle>
        <CardDescription className="text-xs">
          The last {reports.length === 1 ? "report" : `${reports.length} reports`} received, newest first.
          Counts are those the host had after each report.
        </CardDescription>
      </CardHeader>
      <CardContent className="px-4 sm:px-5">
        {reports.length === 0 ? (
          <p
            className="rounded-md border border-dashed p-6 text-center text-muted-foreground text-sm"
            data-testid="recent-reports-empty"
          >
            {canAddHosts ? (
              <>
                No reports yet —{" "}
                <Link
                  href="/hosts/new"
                  className="font-medium text-foreground underline-offset-4 hover:underline"
                >
                  add a host
                </Link>{" "}
                and its agent's reports appear here.
              </>
            ) : (
              "No reports yet: the agents' reports appear here."
            )}
          </p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Host</TableHead>
                <TableHead>Received</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Packages</TableHead>
                <TableHead className="text-right">Updates</TableHead>
                <TableHead className="text-right">Security</TableHead>
                <TableHead className="text-right">Duration</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {reports.map((report) => (
                <TableRow key={report.id} data-testid="recent-report-row">
                  <TableCell className="max-w-48 truncate font-medium">
                    <Link
                      href={`/hosts/${report.hostId}?tab=history`}
                      className="underline-offset-4 hover:underline"
                      title={report.error ?? undefined}
                    >
                      {report.hostName}
                    </Link>
                  </TableCell>
                  <ReportSummaryCells report={report} now={now} />
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
