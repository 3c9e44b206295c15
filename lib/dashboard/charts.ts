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
import { type ChartRange, DEFAULT_CHART_RANGE } from "./charts-range";

export { CHART_RANGES, type ChartRange, DEFAULT_CHART_RANGE, parseChartRange } from "./charts-range";
export type { DailyReportPoint, OsCount, RecentReport };

export const RECENT_REPORTS_LIMIT = 10;

export type DashboardCharts = {
  range: ChartRange;
  /** The server's time zone, in which the series' days are counted. */
  timeZone: string;
  os: OsCount[];
  series: DailyReportPoint[];
  /** Null when the viewer may not see hosts (the card is not offered to them). */
  recentReports: RecentReport[] | null;
  /** Whether the viewer may add hosts: empty states point there only then. */
  canAddHosts: boolean;
};

/** The calendar day (YYYY-MM-DD) of `date` in `tz`. */
export function calendarDay(tz: string, date: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);
}

/** `day` (YYYY-MM-DD) moved by whole calendar days: date arithmetic, unaffected by DST. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
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
  const from = addDays(to, -(range - 1));
  const [os, series, recentReports] = await Promise.all([
    countHostsByOs(scope),
    listDailyReportSeries({ scope, from, to, tz: timeZone }),
    hasPermission(actor, "can_view_hosts")
      ? listRecentReports({ scope, limit: RECENT_REPORTS_LIMIT })
      : Promise.resolve(null),
  ]);
  return {
    range,
    timeZone,
    os,
    series,
    recentReports,
    canAddHosts: hasPermission(actor, "can_manage_hosts"),
  };
}
