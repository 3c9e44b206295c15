import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

// Shared by the host detail tabs: relative times with the exact time on hover, sizes and durations.
// `now` comes from the server render so the text is the same on server and client.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000_000],
  ["month", 2_592_000_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const exact = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export function relativeTime(value: Date, now: number): string {
  const diff = value.getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "second") return relative.format(Math.round(diff / ms), unit);
  }
  return "just now";
}

export function exactTime(value: Date): string {
  return `${exact.format(value)} UTC`;
}

/** "3 minutes ago", with the exact time in a tooltip; "never" for no time. */
export function HostDetailTime({
  value,
  now,
  never = "never",
  testId,
}: {
  value: Date | null;
  now: number;
  never?: string;
  testId?: string;
}) {
  if (!value) return <span className="text-muted-foreground">{never}</span>;
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <time dateTime={value.toISOString()} data-testid={testId} className="cursor-default">
          {relativeTime(value, now)}
        </time>
      </TooltipTrigger>
      <TooltipContent>{exactTime(value)}</TooltipContent>
    </Tooltip>
  );
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** RAM and swap are stored in GB as the agent reports them. */
export function formatGigabytes(value: number | null): string {
  if (value === null) return "—";
  return `${Number.isInteger(value) ? value : value.toFixed(2)} GB`;
}
