import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { HostRepositoryRow } from "@/lib/hosts/detail";
import { HostDetailTime } from "./host-detail-time";

export function HostDetailRepositories({ rows, now }: { rows: HostRepositoryRow[]; now: number }) {
  if (rows.length === 0) {
    return (
      <p
        className="rounded-lg border border-dashed p-8 text-center text-muted-foreground text-sm"
        data-testid="repositories-empty"
      >
        No repositories reported yet. Agents list them with each full report.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border" data-testid="host-repositories">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>URL</TableHead>
            <TableHead>Distribution</TableHead>
            <TableHead>Components</TableHead>
            <TableHead>State</TableHead>
            <TableHead>Last checked</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((repo) => (
            <TableRow key={repo.id} data-testid="repository-row">
              <TableCell className="font-medium">{repo.name}</TableCell>
              <TableCell>
                <Badge variant="outline">{repo.repoType}</Badge>
              </TableCell>
              <TableCell className="max-w-80 truncate font-mono text-xs" title={repo.url}>
                {repo.url}
              </TableCell>
              <TableCell>{repo.distribution || "—"}</TableCell>
              <TableCell>{repo.components || "—"}</TableCell>
              <TableCell className="flex flex-wrap gap-1">
                <Badge variant={repo.isEnabled ? "secondary" : "outline"}>
                  {repo.isEnabled ? "enabled" : "disabled"}
                </Badge>
                {repo.isSecure ? null : (
                  <Badge variant="outline" className="border-amber-500 text-amber-700 dark:text-amber-300">
                    insecure
                  </Badge>
                )}
              </TableCell>
              <TableCell className="text-sm">
                <HostDetailTime value={repo.lastCheckedAt} now={now} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
