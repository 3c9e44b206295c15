"use client";

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { DailyReportPoint } from "@/lib/dashboard/charts";

import { ChartEmpty, ChartTable, tooltipStyle } from "./chart-frame";

type Metric = "securityUpdates" | "updates";

const dayLabel = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
/** "3 Nov" for a YYYY-MM-DD day (formatted as a UTC date: the day is already a calendar day). */
export function formatDay(day: string): string {
  return dayLabel.format(new Date(`${day}T00:00:00Z`));
}

type Props = {
  series: DailyReportPoint[];
  metric: Metric;
  /** What one unit is, for the tooltip and the table: "security updates". */
  unit: string;
  color: string;
  testId: string;
  canAddHosts: boolean;
};

/** One series of the daily report sums over the chosen range, with its numbers for screen readers. */
export function TrendChart({ series, metric, unit, color, testId, canAddHosts }: Props) {
  if (!series.some((point) => point.hostsReporting > 0)) {
    return <ChartEmpty message={`No reports in the last ${series.length} days`} canAddHosts={canAddHosts} />;
  }
  const last = [...series].reverse().find((point) => point.hostsReporting > 0);
  const peak = series.reduce((max, point) => Math.max(max, point[metric]), 0);
  const data = series.map((point) => ({ ...point, label: formatDay(point.day) }));
  const gradient = `fill-${testId}`;
  return (
    <div className="flex flex-col gap-2" data-testid={testId}>
      <p className="text-muted-foreground text-xs" data-testid={`${testId}-summary`}>
        {last ? (
          <>
            Latest ({formatDay(last.day)}):{" "}
            <span className="font-medium text-foreground tabular-nums" data-testid={`${testId}-latest`}>
              {last[metric].toLocaleString("en-US")}
            </span>{" "}
            {unit} on {last.hostsReporting.toLocaleString("en-US")} reporting{" "}
            {last.hostsReporting === 1 ? "host" : "hosts"}; peak {peak.toLocaleString("en-US")}.
          </>
        ) : null}
      </p>
      <div className="h-48 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={data} margin={{ left: 0, right: 8, top: 4 }} accessibilityLayer={false}>
            <defs>
              <linearGradient id={gradient} x1="0" y1="0" x2="0" y2="1">
                <stop offset="5%" stopColor={color} stopOpacity={0.35} />
                <stop offset="95%" stopColor={color} stopOpacity={0.02} />
              </linearGradient>
            </defs>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis
              dataKey="label"
              tickLine={false}
              axisLine={false}
              minTickGap={24}
              tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
            />
            <YAxis
              allowDecimals={false}
              tickLine={false}
              axisLine={false}
              width={40}
              tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
            />
            <Tooltip {...tooltipStyle} />
            <Area
              type="monotone"
              dataKey={metric}
              name={unit}
              stroke={color}
              strokeWidth={2}
              fill={`url(#${gradient})`}
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <ChartTable
        caption={`${unit} per day`}
        headers={["Day", unit, "Hosts reporting"]}
        rows={series.map((point) => [point.day, point[metric], point.hostsReporting])}
      />
    </div>
  );
}
