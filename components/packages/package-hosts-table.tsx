import { HostsUsingTable } from "@/components/hosts/hosts-using-table";
import { Badge } from "@/components/ui/badge";
import type { PackageHostRow } from "@/lib/packages/service";

const DAY = 86_400_000;
const exact = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "12 days" with the exact time on hover; `now` comes from the server render so both sides agree. */
function PendingSince({ value, now }: { value: Date | string | null; now: number }) {
  if (!value) return <span className="text-muted-foreground">—</span>;
  const date = new Date(value);
  const days = Math.max(0, Math.floor((now - date.getTime()) / DAY));
  return (
    <time dateTime={date.toISOString()} title={`${exact.format(date)} UTC`}>
      {days === 0 ? "today" : days === 1 ? "1 day" : `${days} days`}
    </time>
  );
}

export function PackageHostsTable({ rows, now }: { rows: PackageHostRow[]; now: number }) {
  return (
    <HostsUsingTable
      rows={rows}
      testId="package-host"
      columns={[
        { label: "Installed", cellClassName: "font-mono text-xs", cell: (row) => row.currentVersion },
        {
          label: "Available",
          cell: (row) =>
            row.needsUpdate ? (
              <span className="inline-flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs">{row.availableVersion ?? "—"}</span>
                {row.isSecurityUpdate ? (
                  <Badge variant="destructive">Security</Badge>
                ) : (
                  <Badge variant="secondary">Update</Badge>
                )}
              </span>
            ) : (
              <span className="text-muted-foreground text-xs">Up to date</span>
            ),
        },
        {
          label: "Pending since",
          cell: (row) => (row.needsUpdate ? <PendingSince value={row.pendingSince} now={now} /> : "—"),
        },
      ]}
    />
  );
}
