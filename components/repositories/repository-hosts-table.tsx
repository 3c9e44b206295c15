import Link from "next/link";

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RepositoryHostRow } from "@/lib/repositories/service";

const exact = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function RepositoryHostsTable({ rows }: { rows: RepositoryHostRow[] }) {
  return (
    <div className="rounded-md border">
      <Table data-testid="repository-hosts-table">
        <TableHeader>
          <TableRow>
            <TableHead>Host</TableHead>
            <TableHead className="hidden md:table-cell">OS</TableHead>
            <TableHead>On this host</TableHead>
            <TableHead className="hidden sm:table-cell">Last reported</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.hostId} data-testid={`repository-host-${row.friendlyName}`}>
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
              <TableCell>
                {row.isEnabled ? "Enabled" : <span className="text-muted-foreground">Disabled</span>}
              </TableCell>
              <TableCell className="hidden text-muted-foreground text-xs sm:table-cell">
                {exact.format(new Date(row.lastCheckedAt))} UTC
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
