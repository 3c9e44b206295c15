// Runs recorded when they finish (JobDefinition.recordWhenFinished: the alert evaluation after most
// reports) are written together, one insert per FLUSH_MS instead of one per run: at a hundred
// reports a second that is a statement per report fewer. job_runs is a log, not the jobs' state: a
// process that dies loses at most FLUSH_MS of it. The worker flushes when it stops, and so does
// closeQueueDriver() (the CLI calls it before closing the database); the web process has no stop
// hook of its own.
import { sqlState } from "@/db/errors";
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
  else if (!timer) {
    timer = setTimeout(() => void flushFinishedRuns(), FLUSH_MS);
    timer.unref(); // never what keeps a process alive; stopping flushes
  }
}

// A value the database refuses (class 22: data exception, such as a NUL in text; 23: a constraint).
const isRefusedRow = (error: unknown) => /^2[23]/.test(sqlState(error) ?? "");
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function write(runs: (FinishedJobRun & { finishedAt: Date })[]): Promise<void> {
  const log = getLogger("jobs");
  try {
    await recordFinishedJobRuns(runs);
    return;
  } catch (error) {
    if (!isRefusedRow(error) || runs.length === 1) {
      // The database is unreachable (or the one row was refused): retrying row by row cannot help.
      log.error({ runs: runs.length, error: messageOf(error) }, "could not record finished job runs");
      return;
    }
  }
  // One row the database refuses must not cost the others.
  let stored = 0;
  let reason = "";
  for (const run of runs) {
    try {
      await recordFinishedJobRuns([run]);
      stored++;
    } catch (error) {
      reason = messageOf(error);
      if (!isRefusedRow(error)) break; // unreachable now: the rest would fail the same way
    }
  }
  const lost = runs.length - stored;
  if (lost > 0) log.error({ runs: lost, error: reason }, "could not record finished job runs");
}

/** Writes the recorded runs now; resolves once every run recorded before is stored (or logged as lost). */
export function flushFinishedRuns(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const runs = pending;
  pending = [];
  if (runs.length === 0) return written;
  written = written.then(() => write(runs)).catch(() => {});
  return written;
}
