import Link from "next/link";
import type * as React from "react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

type Props = {
  title: string;
  /** What the numbers are, in a sentence: shown under the title. */
  caption: React.ReactNode;
  children: React.ReactNode;
  "data-testid"?: string;
};

/** The card every chart sits in: title, caption saying what is counted, then the chart. */
export function ChartFrame({ title, caption, children, "data-testid": testId }: Props) {
  return (
    <Card className="h-full gap-3 py-4 sm:py-5" data-testid={testId} data-chart-card>
      <CardHeader className="px-4 sm:px-5">
        <CardTitle className="font-medium text-base">{title}</CardTitle>
        <CardDescription className="text-xs">{caption}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-3 px-4 sm:px-5">{children}</CardContent>
    </Card>
  );
}

/** Stands in for a chart while its code loads in the browser. */
export function ChartSkeleton() {
  return <Skeleton className="h-56 w-full" data-testid="chart-skeleton" />;
}

/** No report (or no host) to draw yet: says what to do next (adding a host, to those who may). */
export function ChartEmpty({
  message = "No reports yet",
  canAddHosts,
}: {
  message?: string;
  canAddHosts: boolean;
}) {
  return (
    <p
      className="flex h-56 items-center justify-center rounded-md border border-dashed p-4 text-center text-muted-foreground text-sm"
      data-testid="chart-empty"
    >
      <span>
        {message}
        {canAddHosts ? (
          <>
            {" "}
            —{" "}
            <Link
              href="/hosts/new"
              className="font-medium text-foreground underline-offset-4 hover:underline"
            >
              add a host
            </Link>
          </>
        ) : null}
      </span>
    </p>
  );
}

/** The chart's numbers as a table for screen readers (the drawing itself is aria-hidden). */
export function ChartTable({
  caption,
  headers,
  rows,
}: {
  caption: string;
  headers: string[];
  rows: (string | number)[][];
}) {
  return (
    // sr-only on a wrapper: a table ignores width: 1px and would widen the page.
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed by the headers
                <td key={index}>{typeof cell === "number" ? cell.toLocaleString("en-US") : cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Shared look of the charts' tooltips: theme colours, so dark mode follows the page. */
export const tooltipStyle = {
  contentStyle: {
    background: "var(--popover)",
    border: "1px solid var(--border)",
    borderRadius: "0.5rem",
    color: "var(--popover-foreground)",
    fontSize: "0.75rem",
  },
  labelStyle: { color: "var(--popover-foreground)" },
  itemStyle: { color: "var(--popover-foreground)" },
} as const;

export const SERIES_COLORS = [
  "var(--chart-1)",
  "var(--chart-2)",
  "var(--chart-3)",
  "var(--chart-4)",
  "var(--chart-5)",
];
