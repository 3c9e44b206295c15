import Link from "next/link";

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DeleteHostGroupButton, HostGroupFormDialog } from "./host-group-dialogs";
import type { HostGroupView } from "./types";

export function HostGroupsTable({ groups, canManage }: { groups: HostGroupView[]; canManage: boolean }) {
  return (
    <div className="rounded-md border">
      <Table data-testid="groups-table">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead className="hidden md:table-cell">Description</TableHead>
            <TableHead className="text-right">Hosts</TableHead>
            {canManage ? <TableHead className="w-32 text-right">Actions</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {groups.map((group) => (
            <TableRow key={group.id} data-testid={`group-row-${group.name}`}>
              <TableCell>
                <span className="inline-flex items-center gap-2 font-medium">
                  <span
                    aria-hidden
                    className="size-3 shrink-0 rounded-full"
                    style={{ backgroundColor: group.color }}
                    data-testid="group-color-dot"
                    data-color={group.color}
                  />
                  {group.name}
                </span>
              </TableCell>
              <TableCell className="hidden max-w-md truncate text-muted-foreground md:table-cell">
                {group.description ?? "—"}
              </TableCell>
              <TableCell className="text-right tabular-nums">
                <Link
                  href={`/hosts?group=${group.id}`}
                  className="underline-offset-4 hover:underline"
                  data-testid="group-host-count"
                >
                  {group.hostCount}
                </Link>
              </TableCell>
              {canManage ? (
                <TableCell className="text-right">
                  <div className="flex justify-end gap-1">
                    <HostGroupFormDialog group={group} />
                    <DeleteHostGroupButton group={group} />
                  </div>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
