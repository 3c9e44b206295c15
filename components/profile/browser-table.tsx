import type { LucideIcon } from "lucide-react";
import type * as React from "react";

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type BrowserRow = { id: string; browser: string; os: string; ip: string | null };

/**
 * A table of browsers seen for this account (sessions, remembered devices): the device and its IP,
 * then `columns`, then the row's action; `footer` (the "all" action) goes under it.
 */
export function BrowserTable<R extends BrowserRow>({
  rows,
  icon: Icon,
  columns,
  badge,
  action,
  rowTestId,
  testId,
  footer,
}: {
  rows: R[];
  icon: LucideIcon;
  columns: { label: string; cell: (row: R) => React.ReactNode }[];
  badge?: (row: R) => React.ReactNode;
  action: (row: R) => React.ReactNode;
  rowTestId: (row: R) => string;
  testId: string;
  footer: React.ReactNode;
}) {
  return (
    <div className="grid gap-4">
      <div className="overflow-x-auto rounded-md border">
        <Table data-testid={testId}>
          <TableHeader>
            <TableRow>
              <TableHead>Device</TableHead>
              <TableHead>IP address</TableHead>
              {columns.map((column) => (
                <TableHead key={column.label}>{column.label}</TableHead>
              ))}
              <TableHead className="w-0">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} data-testid={rowTestId(row)}>
                <TableCell>
                  <div className="flex items-center gap-2">
                    <Icon className="size-4 text-muted-foreground" aria-hidden />
                    <span>
                      {row.browser} on {row.os}
                    </span>
                    {badge?.(row)}
                  </div>
                </TableCell>
                <TableCell className="font-mono text-xs">{row.ip ?? "—"}</TableCell>
                {columns.map((column) => (
                  <TableCell key={column.label}>{column.cell(row)}</TableCell>
                ))}
                <TableCell className="text-right">{action(row)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div>{footer}</div>
    </div>
  );
}
