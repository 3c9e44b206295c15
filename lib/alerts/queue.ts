import { getLogger } from "@/lib/logger";
import { enqueue } from "@/lib/queue";
import { alertEvaluationJob } from "@/lib/queue/definitions";

/**
 * Asks for the host's alert evaluation after a report, collapsed per host (a burst of reports is
 * evaluated once, and once more if one lands while an evaluation runs). Never fails the report:
 * the host status monitor still covers time-based conditions if queueing is impossible.
 */
export async function queueAlertEvaluation(hostId: string): Promise<void> {
  try {
    await enqueue(alertEvaluationJob.name, { hostId }, "schedule", {
      dedupeKey: `alert-evaluation:${hostId}`,
    });
  } catch (error) {
    getLogger("alerts").warn(
      { hostId, error: error instanceof Error ? error.message : String(error) },
      "could not queue the alert evaluation of a report",
    );
  }
}
