import { deleteJobRunsBefore } from "@/db/queries/job-runs";
import { deleteReportsBeforeDay, upsertDailyAggregates } from "@/db/queries/reports";
import { getSettings } from "@/db/queries/settings";
import { getEnv } from "@/lib/env";
import type { JobProcessor } from "@/lib/queue/types";
import { drain } from "./drain";

const BATCH = 10_000;
/** Job run history kept (each job's newest run is kept whatever its age). */
export const JOB_RUN_RETENTION_DAYS = 30;

/** The calendar day (YYYY-MM-DD) of `date` in `tz`, shifted by `offsetDays`. */
export function dayIn(tz: string, date: Date, offsetDays = 0): string {
  const shifted = new Date(date.getTime() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(shifted);
}

/**
 * Keeps settings.reportRetentionDays of report history. Whole days are rolled up into
 * report_daily_aggregates before they are deleted, so charts reach further back than the history.
 * Also keeps JOB_RUN_RETENTION_DAYS of job run history: alert evaluations and notification
 * deliveries add a run per report or message, which would otherwise grow without end.
 */
export const processReportRetention: JobProcessor = async () => {
  const tz = getEnv().timezone;
  const now = new Date();
  const { reportRetentionDays } = await getSettings();
  const beforeDay = dayIn(tz, now, -reportRetentionDays);
  const aggregatedDays = await upsertDailyAggregates({
    beforeDay,
    recentFrom: dayIn(tz, now, -2),
    today: dayIn(tz, now),
    tz,
  });
  const reportsDeleted = await drain(
    () => deleteReportsBeforeDay({ beforeDay, tz, batchSize: BATCH }),
    BATCH,
  );
  const jobRunsBefore = new Date(now.getTime() - JOB_RUN_RETENTION_DAYS * 86_400_000);
  const jobRunsDeleted = await drain(
    () => deleteJobRunsBefore({ before: jobRunsBefore, batchSize: BATCH }),
    BATCH,
  );
  return { retentionDays: reportRetentionDays, beforeDay, aggregatedDays, reportsDeleted, jobRunsDeleted };
};
