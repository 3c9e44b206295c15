"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { cn } from "@/lib/utils";
import { withParams } from "./url-params";

export const PAGE_SIZES = [10, 25, 50, 100] as const;

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  /** What is counted, e.g. "hosts". */
  noun?: string;
  pageSizes?: readonly number[];
  className?: string;
};

/** The page numbers to show: first, last, and two either side of the current page. */
export function pageWindow(page: number, pages: number): (number | "gap")[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
  const list = [...wanted].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  let previous = 0;
  for (const n of list) {
    if (previous > 0 && n - previous > 1) out.push("gap");
    out.push(n);
    previous = n;
  }
  return out;
}

const linkClass =
  "inline-flex h-8 min-w-8 items-center justify-center rounded-md px-2 text-sm hover:bg-accent hover:text-accent-foreground";

/** Page links and a page-size picker, both writing `page` / `pageSize` to the URL. */
export function Pagination({
  page,
  pageSize,
  total,
  noun = "items",
  pageSizes = PAGE_SIZES,
  className,
}: PaginationProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const href = (n: number) => withParams(pathname, searchParams.toString(), { page: n === 1 ? null : n });

  return (
    <nav
      aria-label="Pagination"
      data-testid="pagination"
      className={cn(
        "flex flex-wrap items-center justify-between gap-3 text-muted-foreground text-sm",
        className,
      )}
    >
      <p data-testid="pagination-summary">
        {total === 0 ? `No ${noun}` : `${first}–${last} of ${total.toLocaleString("en")} ${noun}`}
      </p>
      <div className="flex items-center gap-1">
        {page > 1 ? (
          <Link
            href={href(page - 1)}
            className={linkClass}
            aria-label="Previous page"
            data-testid="pagination-prev"
          >
            <ChevronLeft className="size-4" />
          </Link>
        ) : null}
        {pageWindow(page, pages).map((n, i) =>
          n === "gap" ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity of their own
            <span key={`gap-${i}`} className="px-1">
              …
            </span>
          ) : (
            <Link
              key={n}
              href={href(n)}
              aria-current={n === page ? "page" : undefined}
              className={cn(
                linkClass,
                n === page && "bg-primary text-primary-foreground hover:bg-primary/90",
              )}
              data-testid={`pagination-page-${n}`}
            >
              {n}
            </Link>
          ),
        )}
        {page < pages ? (
          <Link
            href={href(page + 1)}
            className={linkClass}
            aria-label="Next page"
            data-testid="pagination-next"
          >
            <ChevronRight className="size-4" />
          </Link>
        ) : null}
      </div>
      <label className="flex items-center gap-2">
        Per page
        <select
          className="h-8 rounded-md border border-input bg-transparent px-2 text-foreground dark:bg-input/30"
          value={pageSize}
          data-testid="pagination-page-size"
          onChange={(event) =>
            router.push(
              withParams(pathname, searchParams.toString(), { pageSize: event.target.value, page: null }),
            )
          }
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
