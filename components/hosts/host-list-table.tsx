"use client";

import Link from "next/link";
import { useState } from "react";
import { SortHeader } from "@/components/data-table/sort-header";
import { Checkbox } from "@/components/ui/checkbox";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ScopedHostRow } from "@/lib/hosts/labels";
import type { HostGroupChoice } from "@/lib/hosts/list-options";
import { HostBulkBar } from "./host-list-bulk-bar";
import { HostCell } from "./host-list-cells";
import { HOST_COLUMNS, type HostColumnKey } from "./host-list-columns";

type HostListTableProps = {
  hosts: ScopedHostRow[];
  columns: HostColumnKey[];
  now: number;
  canManage: boolean;
  canExport: boolean;
  groups: HostGroupChoice[];
  /** Whether any filter or search is applied (the empty state says so). */
  filtered: boolean;
};

export function HostListTable({
  hosts,
  columns,
  now,
  canManage,
  canExport,
  groups,
  filtered,
}: HostListTableProps) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const selectable = canManage || canExport;
  const shown = HOST_COLUMNS.filter((column) => columns.includes(column.key));
  // Rows that left the page (deleted, filtered away) leave the selection too.
  const selectedIds = hosts.filter((host) => selected.has(host.id)).map((host) => host.id);
  const allSelected = hosts.length > 0 && selectedIds.length === hosts.length;

  function toggle(id: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  return (
    <div className="flex flex-col gap-3">
      {selectable && selectedIds.length > 0 ? (
        <HostBulkBar
          hostIds={selectedIds}
          canManage={canManage}
          canExport={canExport}
          groups={groups}
          onDone={() => setSelected(new Set())}
        />
      ) : null}
      <div className="rounded-md border">
        <Table data-testid="hosts-table">
          <TableHeader>
            <TableRow>
              {selectable ? (
                <TableHead className="w-8">
                  <Checkbox
                    aria-label="Select all hosts on this page"
                    checked={allSelected ? true : selectedIds.length > 0 ? "indeterminate" : false}
                    onCheckedChange={(on) =>
                      setSelected(on === true ? new Set(hosts.map((host) => host.id)) : new Set())
                    }
                    data-testid="select-all-hosts"
                  />
                </TableHead>
              ) : null}
              <SortHeader column="name" defaultSort="name">
                Name
              </SortHeader>
              {shown.map((column) => (
                <SortHeader key={column.key} column={column.sort} defaultSort="name">
                  {column.label}
                </SortHeader>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {hosts.length === 0 ? (
              <TableRow>
                <TableCell colSpan={shown.length + 2} className="h-24 text-center text-muted-foreground">
                  <span data-testid="hosts-empty">
                    {filtered
                      ? "No hosts match these filters."
                      : "No hosts yet. Add one to start monitoring it."}
                  </span>
                </TableCell>
              </TableRow>
            ) : (
              hosts.map((host) => (
                <TableRow
                  key={host.id}
                  data-testid="host-row"
                  data-state={selected.has(host.id) ? "selected" : undefined}
                >
                  {selectable ? (
                    <TableCell>
                      <Checkbox
                        aria-label={`Select ${host.friendlyName}`}
                        checked={selected.has(host.id)}
                        onCheckedChange={(on) => toggle(host.id, on === true)}
                        data-testid="select-host"
                      />
                    </TableCell>
                  ) : null}
                  <TableCell className="font-medium">
                    <Link href={`/hosts/${host.id}`} className="hover:underline" data-testid="host-link">
                      {host.friendlyName}
                    </Link>
                  </TableCell>
                  {shown.map((column) => (
                    <TableCell key={column.key} className={column.numeric ? "text-right" : undefined}>
                      <HostCell host={host} column={column.key} now={now} />
                    </TableCell>
                  ))}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
