import { Lock, LockOpen } from "lucide-react";
import Link from "next/link";

import { SortHeader } from "@/components/data-table/sort-header";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RepositoryRow } from "@/lib/repositories/service";

/** https or not, in words as well as an icon (colour alone is not enough). */
export function SecureBadge({ secure }: { secure: boolean }) {
  return secure ? (
    <Badge variant="secondary" className="text-emerald-700 dark:text-emerald-400">
      <Lock aria-hidden /> Secure
    </Badge>
  ) : (
    <Badge variant="outline" className="text-amber-700 dark:text-amber-400">
      <LockOpen aria-hidden /> Not secure
    </Badge>
  );
}

export function EnabledSummary({
  hostCount,
  enabledHostCount,
}: {
  hostCount: number;
  enabledHostCount: number;
}) {
  if (enabledHostCount === hostCount) return <span>Enabled</span>;
  if (enabledHostCount === 0) return <span className="text-muted-foreground">Disabled</span>;
  return (
    <span>
      Enabled on {enabledHostCount} of {hostCount}
    </span>
  );
}

export function RepositoriesTable({ rows }: { rows: RepositoryRow[] }) {
  return (
    <div className="rounded-md border">
      <Table data-testid="repositories-table">
        <TableHeader>
          <TableRow>
            <SortHeader column="name" defaultSort="name">
              Repository
            </SortHeader>
            <TableHead>Type</TableHead>
            <SortHeader column="url" defaultSort="name" className="hidden lg:table-cell">
              URL
            </SortHeader>
            <TableHead className="hidden md:table-cell">Distribution / components</TableHead>
            <TableHead>Enabled</TableHead>
            <TableHead>Secure</TableHead>
            <SortHeader column="hosts" defaultSort="name" className="text-right">
              Hosts
            </SortHeader>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-testid={`repository-row-${row.name}`}>
              <TableCell className="max-w-xs">
                <Link href={`/repositories/${row.id}`} className="font-medium hover:underline">
                  {row.name}
                </Link>
                <p className="truncate text-muted-foreground text-xs lg:hidden">{row.url}</p>
              </TableCell>
              <TableCell>
                <Badge variant="outline">{row.repoType}</Badge>
              </TableCell>
              <TableCell className="hidden max-w-sm truncate font-mono text-xs lg:table-cell">
                {row.url}
              </TableCell>
              <TableCell className="hidden text-xs md:table-cell">
                {[row.distribution, row.components].filter(Boolean).join(" · ") || "—"}
              </TableCell>
              <TableCell className="text-sm">
                <EnabledSummary hostCount={row.hostCount} enabledHostCount={row.enabledHostCount} />
              </TableCell>
              <TableCell>
                <SecureBadge secure={row.isSecure} />
              </TableCell>
              <TableCell className="text-right tabular-nums">
                <Link
                  href={`/repositories/${row.id}`}
                  className="hover:underline"
                  data-testid="repository-hosts"
                >
                  {row.hostCount.toLocaleString("en")}
                </Link>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
