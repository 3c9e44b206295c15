import { ScrollText } from "lucide-react";

import { LocalTime } from "@/components/profile/local-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type AuditRow = {
  id: string;
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
};

function variantOf(action: string) {
  if (/failed|locked|denied|deleted|disabled/.test(action)) return "destructive" as const;
  return "outline" as const;
}

/** Details as short `key: value` pairs; audit details are small facts by design (lib/audit.ts). */
function summarise(details: Record<string, unknown> | null): string {
  if (!details) return "";
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) {
    return (
      <div
        className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-10 text-center"
        data-testid="audit-empty"
      >
        <ScrollText className="size-8 text-muted-foreground" aria-hidden />
        <p className="font-medium">No audit entries match these filters.</p>
      </div>
    );
  }
  return (
    <div className="rounded-lg border">
      <Table data-testid="audit-table">
        <TableHeader>
          <TableRow>
            <TableHead>When</TableHead>
            <TableHead>Actor</TableHead>
            <TableHead>Action</TableHead>
            <TableHead>Target</TableHead>
            <TableHead>IP</TableHead>
            <TableHead>Details</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-testid="audit-row">
              <TableCell className="text-sm">
                <LocalTime value={row.createdAt.toISOString()} />
              </TableCell>
              <TableCell className="font-medium">{row.actorLabel}</TableCell>
              <TableCell>
                <Badge variant={variantOf(row.action)}>{row.action}</Badge>
              </TableCell>
              <TableCell className="font-mono text-muted-foreground text-xs">
                {row.targetType ? `${row.targetType}:${row.targetId?.slice(0, 8) ?? ""}` : ""}
              </TableCell>
              <TableCell className="font-mono text-xs">{row.ip ?? ""}</TableCell>
              <TableCell
                className="max-w-md truncate text-muted-foreground text-xs"
                title={summarise(row.details)}
              >
                {summarise(row.details)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
