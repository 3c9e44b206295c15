import type * as React from "react";

import {
  type CardSection,
  type CardSize,
  DASHBOARD_CARDS,
  type LayoutCard,
  SECTION_TITLES,
} from "@/lib/dashboard/cards";
import type { DashboardCharts } from "@/lib/dashboard/charts";
import type { FleetOverview } from "@/lib/overview";
import { cn } from "@/lib/utils";

import { chartCard, RangePicker } from "./chart-cards";
import { fleetStats, type Stat } from "./fleet-stats";
import { StatCard } from "./stat-card";

const sizeClass: Record<CardSize, string> = {
  sm: "col-span-1",
  md: "col-span-2",
  lg: "col-span-full",
};

// Charts need room: one column on a phone, so a medium chart spans two only where there are two.
const chartSizeClass: Record<CardSize, string> = {
  sm: "col-span-1",
  md: "col-span-1 md:col-span-2",
  lg: "col-span-full",
};

type Placed = { id: string; size: CardSize; node: React.ReactNode };

function Section({
  id,
  title,
  items,
  kind,
  aside,
}: {
  id: string;
  title: string;
  items: Placed[];
  kind: "stats" | "charts";
  aside?: React.ReactNode;
}) {
  const grid =
    kind === "stats"
      ? "grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3 xl:grid-cols-4"
      : "grid grid-cols-1 gap-3 sm:gap-4 md:grid-cols-2 xl:grid-cols-4";
  const sizes = kind === "stats" ? sizeClass : chartSizeClass;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3" data-testid={`section-${id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="font-medium text-muted-foreground text-sm">
          {title}
        </h2>
        {aside}
      </div>
      <div className={grid}>
        {items.map((item) => (
          <div
            key={item.id}
            className={cn("min-w-0", sizes[item.size])}
            data-size={item.size}
            data-card={item.id}
          >
            {item.node}
          </div>
        ))}
      </div>
    </section>
  );
}

/** Cards in the layout's order and sizes; hidden cards and cards without content are left out. */
function arrange(nodes: Map<string, React.ReactNode>, layout: LayoutCard[] | undefined): Placed[] {
  const cards = layout ?? [...nodes.keys()].map((id) => ({ id, visible: true, size: "sm" as CardSize }));
  return cards.flatMap((card) => {
    const node = nodes.get(card.id);
    return node && card.visible ? [{ id: card.id, size: card.size, node }] : [];
  });
}

function statNodes(stats: Stat[]): Map<string, React.ReactNode> {
  return new Map(
    stats.map(({ id, ...stat }) => [id, <StatCard key={id} data-testid={`stat-${id}`} {...stat} />]),
  );
}

function chartNodes(
  section: CardSection,
  props: { charts: DashboardCharts; overview: FleetOverview; now: number },
): Map<string, React.ReactNode> {
  const ids = DASHBOARD_CARDS.filter((card) => card.section === section).map((card) => card.id);
  return new Map(ids.map((id) => [id, chartCard(id, props)] as const).filter(([, node]) => node !== null));
}

type GridProps = {
  overview: FleetOverview;
  layout?: LayoutCard[];
  /** Absent (as in tests of the stats alone): the chart and activity sections are left out. */
  charts?: DashboardCharts;
  /** The server's clock at render, for relative times that read the same on server and client. */
  now?: number;
};

export function OverviewGrid({ overview, layout, charts, now = 0 }: GridProps) {
  const { fleet, inventory } = fleetStats(overview);
  const chartProps = charts ? { charts, overview, now } : null;
  const trends = chartProps ? arrange(chartNodes("charts", chartProps), layout) : [];
  const sections = [
    {
      id: "fleet-health",
      title: SECTION_TITLES.fleet,
      kind: "stats",
      items: arrange(statNodes(fleet), layout),
    },
    {
      id: "trends",
      title: SECTION_TITLES.charts,
      kind: "charts",
      items: trends,
      aside:
        charts && trends.some((item) => item.id.endsWith("-trend")) ? (
          <RangePicker range={charts.range} />
        ) : null,
    },
    {
      id: "inventory",
      title: SECTION_TITLES.inventory,
      kind: "stats",
      items: arrange(statNodes(inventory), layout),
    },
    {
      id: "activity",
      title: SECTION_TITLES.activity,
      kind: "charts",
      items: chartProps ? arrange(chartNodes("activity", chartProps), layout) : [],
    },
  ] as const satisfies readonly (Omit<React.ComponentProps<typeof Section>, "kind"> & {
    kind: "stats" | "charts";
  })[];
  const shown = sections.filter((section) => section.items.length > 0);
  return (
    <div className="flex flex-col gap-8" data-testid="overview-grid">
      {shown.map((section) => (
        <Section key={section.id} {...section} />
      ))}
      {shown.length === 0 ? (
        <p className="text-muted-foreground text-sm" data-testid="dashboard-all-hidden">
          Every card is hidden. Use Customise to show some again.
        </p>
      ) : null}
    </div>
  );
}
