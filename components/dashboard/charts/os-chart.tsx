"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";

import type { OsCount } from "@/lib/dashboard/charts";

import { ChartEmpty, ChartTable, SERIES_COLORS, tooltipStyle } from "./chart-frame";

const SLICES = 5;

type Slice = { key: string; label: string; hosts: number; href?: string; color: string };

/** The largest OS types, the rest as "Other"; hosts without a report yet apart, as "Not reported". */
export function osSlices(os: OsCount[]): Slice[] {
  const known = os.filter((row) => row.osType !== null);
  const unknown = os.find((row) => row.osType === null)?.hosts ?? 0;
  const slices: Slice[] = known.slice(0, SLICES).map((row, index) => ({
    key: row.osType ?? "",
    label: row.osType ?? "",
    hosts: row.hosts,
    href: `/hosts?os=${encodeURIComponent(row.osType ?? "")}`,
    color: SERIES_COLORS[index % SERIES_COLORS.length] as string,
  }));
  const other = known.slice(SLICES).reduce((sum, row) => sum + row.hosts, 0);
  if (other > 0)
    slices.push({ key: "other", label: "Other", hosts: other, color: "var(--muted-foreground)" });
  if (unknown > 0)
    slices.push({ key: "unknown", label: "Not reported", hosts: unknown, color: "var(--border)" });
  return slices;
}

export function OsChart({ os, canAddHosts }: { os: OsCount[]; canAddHosts: boolean }) {
  const router = useRouter();
  const slices = osSlices(os);
  const total = slices.reduce((sum, slice) => sum + slice.hosts, 0);
  if (total === 0) return <ChartEmpty message="No hosts yet" canAddHosts={canAddHosts} />;
  return (
    <div className="flex flex-col items-center gap-4 sm:flex-row" data-testid="os-chart">
      <div className="h-48 w-full max-w-56 shrink-0" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <PieChart accessibilityLayer={false}>
            <Pie
              data={slices}
              dataKey="hosts"
              nameKey="label"
              innerRadius="55%"
              outerRadius="90%"
              paddingAngle={1}
              isAnimationActive={false}
              stroke="var(--card)"
              onClick={(_, index) => {
                const href = slices[index]?.href;
                if (href) router.push(href);
              }}
            >
              {slices.map((slice) => (
                <Cell
                  key={slice.key}
                  fill={slice.color}
                  className={slice.href ? "cursor-pointer" : undefined}
                />
              ))}
            </Pie>
            <Tooltip {...tooltipStyle} />
          </PieChart>
        </ResponsiveContainer>
      </div>
      <ul className="flex w-full flex-col gap-1 text-sm">
        {slices.map((slice) => (
          <li key={slice.key} className="flex items-center gap-2">
            <span
              className="size-2.5 shrink-0 rounded-full"
              style={{ background: slice.color }}
              aria-hidden
            />
            <span className="flex-1 truncate">{slice.label}</span>
            {slice.href ? (
              <Link
                href={slice.href}
                className="font-medium tabular-nums underline-offset-4 hover:underline"
                data-testid={`os-count-${slice.key}`}
                aria-label={`${slice.hosts.toLocaleString("en-US")} ${slice.label} hosts`}
              >
                {slice.hosts.toLocaleString("en-US")}
              </Link>
            ) : (
              <span className="font-medium tabular-nums">{slice.hosts.toLocaleString("en-US")}</span>
            )}
          </li>
        ))}
      </ul>
      <ChartTable
        caption="Hosts per operating system"
        headers={["Operating system", "Hosts"]}
        rows={slices.map((slice) => [slice.label, slice.hosts])}
      />
    </div>
  );
}
