import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PackageHostRow } from "@/lib/packages/service";

const DAY = 86_400_000;
const exact = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "12 days" with the exact time on hover; `now` comes from the server render so both sides agree. */
function PendingSince({ value, now }: { value: Date | string | null; now: number }) {
  if (!value) return <span className="text-muted-foreground">—</span>;
  const date = new Date(value);
  const days = Math.max(0, Math.floor((now - date.getTime()) / DAY));
  return (
    <time dateTime={date.toISOString()} title={`${exact.format(date)} UTC`}>
      {days === 0 ? "today" : days === 1 ? "1 day" : `${days} days`}
    </time>
  );
}

export function PackageHostsTable({ rows, now }: { rows: PackageHostRow[]; now: number }) {
  return (
    <div className="rounded-md border">
      <Table data-testid="package-hosts-table">
        <TableHeader>
          <TableRow>
            <TableHead>Host</TableHead>
            <TableHead className="hidden md:table-cell">OS</TableHead>
            <TableHead>Installed</TableHead>
            <TableHead>Available</TableHead>
            <TableHead>Pending since</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.hostId} data-testid={`package-host-${row.friendlyName}`}>
              <TableCell>
                <Link href={`/hosts/${row.hostId}`} className="font-medium hover:underline">
                  {row.friendlyName}
                </Link>
                {row.hostname && row.hostname !== row.friendlyName ? (
                  <p className="text-muted-foreground text-xs">{row.hostname}</p>
                ) : null}
              </TableCell>
              <TableCell className="hidden md:table-cell">
                {[row.osType, row.osVersion].filter(Boolean).join(" ") || "—"}
              </TableCell>
              <TableCell className="font-mono text-xs">{row.currentVersion}</TableCell>
              <TableCell>
                {row.needsUpdate ? (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <span className="font-mono text-xs">{row.availableVersion ?? "—"}</span>
                    {row.isSecurityUpdate ? (
                      <Badge variant="destructive">Security</Badge>
                    ) : (
                      <Badge variant="secondary">Update</Badge>
                    )}
                  </span>
                ) : (
                  <span className="text-muted-foreground text-xs">Up to date</span>
                )}
              </TableCell>
              <TableCell>
                {row.needsUpdate ? <PendingSince value={row.pendingSince} now={now} /> : "—"}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
