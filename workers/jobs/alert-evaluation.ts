import { evaluateHostAlerts } from "@/lib/alerts/evaluate-host";
import { alertEvaluationJob } from "@/lib/queue/definitions";
import type { JobProcessor } from "@/lib/queue/types";

/** After a report: the host's alert conditions. Evaluating an unchanged host changes nothing. */
export const processAlertEvaluation: JobProcessor = async (payload) => {
  const { hostId } = alertEvaluationJob.payload.parse(payload);
  return evaluateHostAlerts(hostId, new Date());
};
