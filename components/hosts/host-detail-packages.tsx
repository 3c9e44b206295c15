import { Search, ShieldAlert } from "lucide-react";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Pagination } from "@/components/users/pagination";
import type { HostPackageRow, PackageFilter } from "@/lib/hosts/detail";
import { cn } from "@/lib/utils";
import { HostDetailTime } from "./host-detail-time";

const FILTERS: { value: PackageFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "updates", label: "Updates" },
  { value: "security", label: "Security" },
];

type Props = {
  hostId: string;
  rows: HostPackageRow[];
  total: number;
  page: number;
  pageSize: number;
  filter: PackageFilter;
  search: string;
  now: number;
};

function filterHref(hostId: string, filter: PackageFilter, search: string) {
  const params = new URLSearchParams({ tab: "packages" });
  if (filter !== "all") params.set("filter", filter);
  if (search) params.set("search", search);
  return `/hosts/${hostId}?${params}`;
}

export function HostDetailPackages({ hostId, rows, total, page, pageSize, filter, search, now }: Props) {
  return (
    <div className="flex flex-col gap-4" data-testid="host-packages">
      <div className="flex flex-wrap items-center gap-2">
        <nav className="inline-flex rounded-lg bg-muted p-[3px]" aria-label="Show packages">
          {FILTERS.map((option) => (
            <Link
              key={option.value}
              href={filterHref(hostId, option.value, search)}
              aria-current={option.value === filter ? "true" : undefined}
              data-testid={`packages-filter-${option.value}`}
              className={cn(
                "rounded-md px-3 py-1 font-medium text-sm",
                option.value === filter
                  ? "bg-background text-foreground shadow-sm dark:bg-input/30"
                  : "text-muted-foreground hover:text-foreground",
              )}
            >
              {option.label}
            </Link>
          ))}
        </nav>
        <form method="get" action={`/hosts/${hostId}`} className="flex items-center gap-2">
          <input type="hidden" name="tab" value="packages" />
          {filter !== "all" ? <input type="hidden" name="filter" value={filter} /> : null}
          <div className="relative">
            <Search className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
            <Input
              type="search"
              name="search"
              defaultValue={search}
              placeholder="Search package name"
              aria-label="Search packages"
              className="w-64 pl-8"
              data-testid="packages-search"
            />
          </div>
          <Button type="submit" variant="secondary" data-testid="packages-search-submit">
            Search
          </Button>
        </form>
      </div>
      {rows.length === 0 ? (
        <p
          className="rounded-lg border border-dashed p-8 text-center text-muted-foreground text-sm"
          data-testid="packages-empty"
        >
          {search || filter !== "all"
            ? "No packages match. Clear the search or show all packages."
            : "No packages reported yet. They appear after the host's first report."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Package</TableHead>
                <TableHead>Installed</TableHead>
                <TableHead>Available</TableHead>
                <TableHead>Update</TableHead>
                <TableHead>Pending since</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow
                  key={row.packageId}
                  data-testid="package-row"
                  data-security={row.needsUpdate && row.isSecurityUpdate ? "true" : "false"}
                >
                  <TableCell>
                    <span className="font-medium" data-testid="package-name">
                      {row.name}
                    </span>
                    <span className="ml-2 text-muted-foreground text-xs">{row.packageManager}</span>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{row.currentVersion}</TableCell>
                  <TableCell className="font-mono text-xs">
                    {row.needsUpdate ? (row.availableVersion ?? "—") : "—"}
                  </TableCell>
                  <TableCell>
                    {row.needsUpdate ? (
                      row.isSecurityUpdate ? (
                        <Badge variant="destructive">
                          <ShieldAlert aria-hidden /> Security
                        </Badge>
                      ) : (
                        <Badge variant="secondary">Update</Badge>
                      )
                    ) : (
                      <span className="text-muted-foreground text-sm">Up to date</span>
                    )}
                  </TableCell>
                  <TableCell className="text-sm">
                    {row.needsUpdate ? (
                      <HostDetailTime value={row.pendingSince} now={now} never="unknown" />
                    ) : (
                      "—"
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Pagination
        basePath={`/hosts/${hostId}`}
        params={{
          tab: "packages",
          filter: filter === "all" ? undefined : filter,
          search: search || undefined,
        }}
        page={page}
        pageSize={pageSize}
        total={total}
      />
    </div>
  );
}
