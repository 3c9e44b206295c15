import Link from "next/link";
import type * as React from "react";

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

type HostRef = {
  hostId: string;
  friendlyName: string;
  hostname: string | null;
  osType: string | null;
  osVersion: string | null;
};

export type HostsUsingColumn<R> = {
  label: string;
  /** On the head and the cells (e.g. hidden on small screens). */
  className?: string;
  cellClassName?: string;
  cell: (row: R) => React.ReactNode;
};

/**
 * The hosts that have something (a package, a repository): each host linked with its hostname
 * and OS, then `columns`. Rows are `${testId}-${friendlyName}`.
 */
export function HostsUsingTable<R extends HostRef>({
  rows,
  columns,
  testId,
}: {
  rows: R[];
  columns: HostsUsingColumn<R>[];
  testId: string;
}) {
  return (
    <div className="rounded-md border">
      <Table data-testid={`${testId}s-table`}>
        <TableHeader>
          <TableRow>
            <TableHead>Host</TableHead>
            <TableHead className="hidden md:table-cell">OS</TableHead>
            {columns.map((column) => (
              <TableHead key={column.label} className={column.className}>
                {column.label}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.hostId} data-testid={`${testId}-${row.friendlyName}`}>
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
              {columns.map((column) => (
                <TableCell key={column.label} className={cn(column.cellClassName, column.className)}>
                  {column.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
