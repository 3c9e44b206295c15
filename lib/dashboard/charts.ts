// The dashboard's chart data for one viewer: OS distribution, daily report series and recent
// reports, each within the viewer's host-group scope. Plain data, handed to client components.
import {
  countHostsByOs,
  type DailyReportPoint,
  listDailyReportSeries,
  listRecentReports,
  type OsCount,
  type RecentReport,
} from "@/db/queries/dashboard-charts";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission, hasPermission } from "@/lib/auth/guard";
import { getEnv } from "@/lib/env";

export type { DailyReportPoint, OsCount, RecentReport };

export const CHART_RANGES = [7, 30, 90] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
export const DEFAULT_CHART_RANGE: ChartRange = 30;

export const RECENT_REPORTS_LIMIT = 10;

/** The `range` URL parameter: 7, 30 or 90 days; anything else is the default (30). */
export function parseChartRange(value: string | string[] | undefined): ChartRange {
  const raw = Array.isArray(value) ? value[0] : value;
  return CHART_RANGES.find((range) => String(range) === raw) ?? DEFAULT_CHART_RANGE;
}

export type DashboardCharts = {
  range: ChartRange;
  /** The server's time zone, in which the series' days are counted. */
  timeZone: string;
  os: OsCount[];
  series: DailyReportPoint[];
  /** Null when the viewer may not see hosts (the card is not offered to them). */
  recentReports: RecentReport[] | null;
};

/** The calendar day (YYYY-MM-DD) of `date` in `tz`, shifted by `offsetDays`. */
export function calendarDay(tz: string, date: Date, offsetDays = 0): string {
  const shifted = new Date(date.getTime() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(shifted);
}

export async function getDashboardCharts(
  actor: Actor,
  range: ChartRange = DEFAULT_CHART_RANGE,
  now: Date = new Date(),
): Promise<DashboardCharts> {
  assertPermission(actor, "can_view_dashboard");
  const scope = actor.hostGroupScope;
  const timeZone = getEnv().timezone;
  // Calendar days in the time zone the report-retention job rolls days up in.
  const to = calendarDay(timeZone, now);
  const from = calendarDay(timeZone, now, -(range - 1));
  const [os, series, recentReports] = await Promise.all([
    countHostsByOs(scope),
    listDailyReportSeries({ scope, from, to, tz: timeZone }),
    hasPermission(actor, "can_view_hosts")
      ? listRecentReports({ scope, limit: RECENT_REPORTS_LIMIT })
      : Promise.resolve(null),
  ]);
  return { range, timeZone, os, series, recentReports };
}
