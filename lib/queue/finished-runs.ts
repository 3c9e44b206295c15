// Runs recorded when they finish (JobDefinition.recordWhenFinished: the alert evaluation after most
// reports) are written together, one insert per FLUSH_MS instead of one per run: at a hundred reports
// a second that is a statement per report fewer. A process that dies loses at most FLUSH_MS of its
// run log (job_runs is a log, not the jobs' state); the worker and the in-process driver flush when
// they stop.
import { type FinishedJobRun, recordFinishedJobRuns } from "@/db/queries/job-runs";
import { getLogger } from "@/lib/logger";

const FLUSH_MS = 100;
const MAX_BATCH = 500;

let pending: (FinishedJobRun & { finishedAt: Date })[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let written: Promise<void> = Promise.resolve();

/** Records a whole run; it is written with the others of the next FLUSH_MS. */
export function recordFinishedRun(run: FinishedJobRun): void {
  pending.push({ ...run, finishedAt: new Date() });
  if (pending.length >= MAX_BATCH) void flushFinishedRuns();
  else timer ??= setTimeout(() => void flushFinishedRuns(), FLUSH_MS);
}

/** Writes the recorded runs now; resolves once every run recorded before the call is stored (or logged as lost). */
export function flushFinishedRuns(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const runs = pending;
  pending = [];
  if (runs.length === 0) return written;
  written = written.then(async () => {
    try {
      await recordFinishedJobRuns(runs);
    } catch (error) {
      getLogger("jobs").error(
        { runs: runs.length, error: error instanceof Error ? error.message : String(error) },
        "could not record finished job runs",
      );
    }
  });
  return written;
}
