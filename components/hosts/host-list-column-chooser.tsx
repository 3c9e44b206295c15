"use client";

import { Columns3 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { setHostColumnsAction } from "@/app/(app)/hosts/actions";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { HOST_COLUMNS, type HostColumnKey } from "./host-list-columns";

/** Picks the optional columns; the choice is kept in a cookie the server reads to render them. */
export function HostListColumnChooser({ columns }: { columns: HostColumnKey[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function toggle(key: HostColumnKey, on: boolean) {
    const next = HOST_COLUMNS.map((column) => column.key).filter((k) =>
      k === key ? on : columns.includes(k),
    );
    // An empty list would read as "unset" and bring the defaults back; keep at least one column.
    if (next.length === 0) return;
    startTransition(async () => {
      const result = await setHostColumnsAction(null, { columns: next });
      if (result.ok) router.refresh();
      else toast.error(result.error);
    });
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" data-testid="host-columns" disabled={pending}>
          <Columns3 />
          Columns
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>Show columns</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {HOST_COLUMNS.map((column) => (
          <DropdownMenuCheckboxItem
            key={column.key}
            checked={columns.includes(column.key)}
            onCheckedChange={(on) => toggle(column.key, on === true)}
            onSelect={(event) => event.preventDefault()}
            data-testid={`host-column-${column.key}`}
          >
            {column.label}
          </DropdownMenuCheckboxItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
