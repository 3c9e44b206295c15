"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { FleetOverview } from "@/lib/overview";

import { ChartEmpty, ChartTable, tooltipStyle } from "./chart-frame";

type Row = { key: string; label: string; hosts: number; href?: string; color: string };

/**
 * The host counts of the overview as they are (no arithmetic on them): a host can be in more
 * than one bar (a host with security updates also needs updates; a stale host keeps its counts).
 */
export function updateStatusRows(hosts: FleetOverview["hosts"]): Row[] {
  return [
    { key: "up-to-date", label: "Up to date", hosts: hosts.upToDate, color: "var(--success)" },
    {
      key: "needs-updates",
      label: "Needs updates",
      hosts: hosts.needingUpdates,
      href: "/hosts?updates=1",
      color: "var(--warning)",
    },
    {
      key: "security",
      label: "Security updates",
      hosts: hosts.withSecurityUpdates,
      href: "/hosts?security=1",
      color: "var(--destructive)",
    },
    {
      key: "pending",
      label: "Pending first report",
      hosts: hosts.pending,
      href: "/hosts?status=pending",
      color: "var(--chart-3)",
    },
    {
      key: "stale-offline",
      label: "Stale / offline",
      hosts: hosts.staleOrOffline,
      href: "/hosts?stale=1",
      color: "var(--muted-foreground)",
    },
  ];
}

export function UpdateStatusChart({
  hosts,
  canAddHosts,
}: {
  hosts: FleetOverview["hosts"];
  canAddHosts: boolean;
}) {
  const router = useRouter();
  const rows = updateStatusRows(hosts);
  if (hosts.total === 0) return <ChartEmpty message="No hosts yet" canAddHosts={canAddHosts} />;
  return (
    <div className="flex flex-col gap-3" data-testid="update-status-chart">
      <div className="h-44 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ left: 0, right: 8 }} accessibilityLayer={false}>
            <XAxis type="number" allowDecimals={false} hide />
            <YAxis
              type="category"
              dataKey="label"
              width={130}
              tickLine={false}
              axisLine={false}
              tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
            />
            <Tooltip {...tooltipStyle} cursor={{ fill: "var(--muted)" }} />
            <Bar
              dataKey="hosts"
              name="Hosts"
              radius={4}
              isAnimationActive={false}
              onClick={(_, index) => {
                const href = rows[index]?.href;
                if (href) router.push(href);
              }}
            >
              {rows.map((row) => (
                <Cell key={row.key} fill={row.color} className={row.href ? "cursor-pointer" : undefined} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
        {rows.map((row) => (
          <li key={row.key} className="flex items-center gap-2">
            <span className="size-2.5 shrink-0 rounded-full" style={{ background: row.color }} aria-hidden />
            <span className="flex-1 truncate text-muted-foreground">{row.label}</span>
            {row.href ? (
              <Link
                href={row.href}
                className="font-medium tabular-nums underline-offset-4 hover:underline"
                data-testid={`update-status-${row.key}`}
                aria-label={`${row.hosts.toLocaleString("en-US")} hosts: ${row.label}`}
              >
                {row.hosts.toLocaleString("en-US")}
              </Link>
            ) : (
              <span className="font-medium tabular-nums" data-testid={`update-status-${row.key}`}>
                {row.hosts.toLocaleString("en-US")}
              </span>
            )}
          </li>
        ))}
      </ul>
      <ChartTable
        caption="Hosts by update status (a host can count in more than one row)"
        headers={["Status", "Hosts"]}
        rows={rows.map((row) => [row.label, row.hosts])}
      />
    </div>
  );
}
