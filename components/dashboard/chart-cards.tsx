"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import type * as React from "react";

import type { DashboardCharts } from "@/lib/dashboard/charts";
import { CHART_RANGES } from "@/lib/dashboard/charts-range";
import type { FleetOverview } from "@/lib/overview";
import { cn } from "@/lib/utils";

import { ChartFrame, ChartSkeleton } from "./charts/chart-frame";
import { RecentReportsCard } from "./recent-reports-card";

// recharts measures and draws in the browser: the charts load there, a skeleton stands in meanwhile.
const OsChart = dynamic(() => import("./charts/os-chart").then((m) => m.OsChart), {
  ssr: false,
  loading: ChartSkeleton,
});
const UpdateStatusChart = dynamic(
  () => import("./charts/update-status-chart").then((m) => m.UpdateStatusChart),
  { ssr: false, loading: ChartSkeleton },
);
const TrendChart = dynamic(() => import("./charts/trend-chart").then((m) => m.TrendChart), {
  ssr: false,
  loading: ChartSkeleton,
});

const PER_DAY =
  "in each host's last report of the day, summed over the hosts that reported that day (hosts that did not report add nothing)";

/** The card of one chart or activity id, or null for an id that is not one. */
export function chartCard(
  id: string,
  { charts, overview, now }: { charts: DashboardCharts; overview: FleetOverview; now: number },
): React.ReactNode {
  const days = `${charts.range} days, calendar days in ${charts.timeZone}`;
  switch (id) {
    case "os-distribution":
      return (
        <ChartFrame
          title="OS distribution"
          caption="Hosts by operating system."
          data-testid="chart-os-distribution"
        >
          <OsChart os={charts.os} canAddHosts={charts.canAddHosts} />
        </ChartFrame>
      );
    case "update-status":
      return (
        <ChartFrame
          title="Update status"
          caption="Hosts now. A host can be in two bars: one with security updates also needs updates."
          data-testid="chart-update-status"
        >
          <UpdateStatusChart hosts={overview.hosts} canAddHosts={charts.canAddHosts} />
        </ChartFrame>
      );
    case "security-trend":
      return (
        <ChartFrame
          title="Security updates over time"
          caption={`Per day: security updates pending ${PER_DAY}. Last ${days}.`}
          data-testid="chart-security-trend"
        >
          <TrendChart
            canAddHosts={charts.canAddHosts}
            series={charts.series}
            metric="securityUpdates"
            unit="security updates"
            color="var(--destructive)"
            testId="security-trend"
          />
        </ChartFrame>
      );
    case "outdated-trend":
      return (
        <ChartFrame
          title="Outdated packages over time"
          caption={`Per day: package updates pending ${PER_DAY}; a package outdated on 3 hosts counts 3. Last ${days}.`}
          data-testid="chart-outdated-trend"
        >
          <TrendChart
            canAddHosts={charts.canAddHosts}
            series={charts.series}
            metric="updates"
            unit="package updates"
            color="var(--chart-1)"
            testId="outdated-trend"
          />
        </ChartFrame>
      );
    case "recent-reports":
      return charts.recentReports ? (
        <RecentReportsCard reports={charts.recentReports} now={now} canAddHosts={charts.canAddHosts} />
      ) : null;
    default:
      return null;
  }
}

/** 7, 30 or 90 days, kept in the URL (`?range=`) so the view can be shared and the back button works. */
export function RangePicker({ range }: { range: number }) {
  return (
    <nav aria-label="Chart range" className="flex items-center gap-1 text-xs" data-testid="chart-range">
      {CHART_RANGES.map((days) => (
        <Link
          key={days}
          href={`/?range=${days}`}
          scroll={false}
          aria-current={days === range ? "page" : undefined}
          data-testid={`chart-range-${days}`}
          className={cn(
            "rounded-md px-2 py-1 font-medium",
            days === range
              ? "bg-secondary text-secondary-foreground"
              : "text-muted-foreground hover:bg-accent",
          )}
        >
          {days} days
        </Link>
      ))}
    </nav>
  );
}
