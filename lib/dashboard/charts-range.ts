// The charts' day ranges: pure data, shared by the server and the range picker in the browser.
export const CHART_RANGES = [7, 30, 90] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
export const DEFAULT_CHART_RANGE: ChartRange = 30;

/** The `range` URL parameter: 7, 30 or 90 days; anything else is the default (30). */
export function parseChartRange(value: string | string[] | undefined): ChartRange {
  const raw = Array.isArray(value) ? value[0] : value;
  return CHART_RANGES.find((range) => String(range) === raw) ?? DEFAULT_CHART_RANGE;
}
