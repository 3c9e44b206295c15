"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type * as React from "react";
import { cn } from "@/lib/utils";
import { withParams } from "./url-params";

type SortHeaderProps = {
  /** The value of the `sort` param this column sets. */
  column: string;
  /** The sort in effect when the URL names none (so the default column shows its arrow). */
  defaultSort?: string;
  defaultOrder?: "asc" | "desc";
  children: React.ReactNode;
  className?: string;
};

/**
 * A column header (render it as the <th>) whose link sorts by this column, ascending first and
 * toggling on each click; the page is reset because the old page number means nothing any more.
 */
export function SortHeader({
  column,
  defaultSort,
  defaultOrder = "asc",
  children,
  className,
}: SortHeaderProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const sort = searchParams.get("sort") ?? defaultSort;
  const order = searchParams.get("order") ?? (sort === defaultSort ? defaultOrder : "asc");
  const active = sort === column;
  const nextOrder = active && order === "asc" ? "desc" : "asc";
  const href = withParams(pathname, searchParams.toString(), { sort: column, order: nextOrder, page: null });
  const Icon = !active ? ArrowUpDown : order === "asc" ? ArrowUp : ArrowDown;

  return (
    <th
      scope="col"
      aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}
      className={cn(
        "h-10 whitespace-nowrap px-2 text-left align-middle font-medium text-foreground",
        className,
      )}
    >
      <Link
        href={href}
        className="inline-flex items-center gap-1 hover:underline"
        data-testid={`sort-${column}`}
        scroll={false}
      >
        {children}
        <Icon className={cn("size-3.5", !active && "opacity-40")} aria-hidden />
      </Link>
    </th>
  );
}
