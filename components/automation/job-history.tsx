import { LocalTime } from "@/components/profile/local-time";
import { formatDuration, RunOutcome } from "./run-outcome";
import type { JobRunView } from "./types";

/** The job's most recent runs, newest first. */
export function JobHistory({ runs }: { runs: JobRunView[] }) {
  if (runs.length === 0) {
    return <p className="text-muted-foreground text-sm">This job has not run yet.</p>;
  }
  return (
    <ol className="flex flex-col divide-y rounded-md border bg-muted/30" data-testid="job-history">
      {runs.map((run) => (
        <li
          key={run.id}
          className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm"
          data-testid="job-run"
        >
          <RunOutcome status={run.status} />
          <LocalTime value={run.startedAt} />
          <span className="text-muted-foreground">
            {run.trigger === "manual" ? "Run by hand" : "Scheduled"}
          </span>
          <span className="text-muted-foreground">{formatDuration(run.durationMs)}</span>
          {run.error ? (
            <span className="w-full truncate text-destructive text-xs" title={run.error}>
              {run.error}
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
