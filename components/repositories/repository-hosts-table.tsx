import { HostsUsingTable } from "@/components/hosts/hosts-using-table";
import type { RepositoryHostRow } from "@/lib/repositories/service";

const exact = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function RepositoryHostsTable({ rows }: { rows: RepositoryHostRow[] }) {
  return (
    <HostsUsingTable
      rows={rows}
      testId="repository-host"
      columns={[
        {
          label: "On this host",
          cell: (row) =>
            row.isEnabled ? "Enabled" : <span className="text-muted-foreground">Disabled</span>,
        },
        {
          label: "Last reported",
          className: "hidden sm:table-cell",
          cellClassName: "text-muted-foreground text-xs",
          cell: (row) => `${exact.format(new Date(row.lastCheckedAt))} UTC`,
        },
      ]}
    />
  );
}
