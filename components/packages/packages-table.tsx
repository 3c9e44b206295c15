import Link from "next/link";

import { SortHeader } from "@/components/data-table/sort-header";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PackageRow } from "@/lib/packages/service";

function CountLink({
  href,
  value,
  testId,
  tone,
}: {
  href: string;
  value: number;
  testId: string;
  tone?: string;
}) {
  if (value === 0) return <span className="text-muted-foreground tabular-nums">0</span>;
  return (
    <Link
      href={href}
      className={`tabular-nums underline-offset-4 hover:underline ${tone ?? ""}`}
      data-testid={testId}
    >
      {value.toLocaleString("en")}
    </Link>
  );
}

export function PackagesTable({ rows }: { rows: PackageRow[] }) {
  return (
    <div className="rounded-md border">
      <Table data-testid="packages-table">
        <TableHeader>
          <TableRow>
            <SortHeader column="name" defaultSort="name">
              Package
            </SortHeader>
            <TableHead className="hidden sm:table-cell">Manager</TableHead>
            <SortHeader column="hosts" defaultSort="name" className="text-right">
              Hosts
            </SortHeader>
            <SortHeader column="updates" defaultSort="name" className="text-right">
              Need update
            </SortHeader>
            <SortHeader column="security" defaultSort="name" className="text-right">
              Security
            </SortHeader>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-testid={`package-row-${row.name}`}>
              <TableCell className="max-w-xs">
                <Link
                  href={`/packages/${row.id}`}
                  className="font-medium hover:underline"
                  data-testid="package-link"
                >
                  {row.name}
                </Link>
                {row.description ? (
                  <p className="truncate text-muted-foreground text-xs">{row.description}</p>
                ) : null}
              </TableCell>
              <TableCell className="hidden sm:table-cell">
                <Badge variant="secondary">{row.packageManager}</Badge>
              </TableCell>
              <TableCell className="text-right">
                <CountLink href={`/packages/${row.id}`} value={row.hostCount} testId="package-hosts" />
              </TableCell>
              <TableCell className="text-right">
                <CountLink
                  href={`/packages/${row.id}?updates=1`}
                  value={row.updateCount}
                  testId="package-updates"
                  tone="text-amber-700 dark:text-amber-400"
                />
              </TableCell>
              <TableCell className="text-right">
                <CountLink
                  href={`/packages/${row.id}?security=1`}
                  value={row.securityCount}
                  testId="package-security"
                  tone="font-medium text-red-700 dark:text-red-400"
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
