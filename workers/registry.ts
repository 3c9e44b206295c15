// Maps each job name to its processor. Both the worker and the in-process driver use this map.
import {
  alertEvaluationJob,
  hostStatusMonitorJob,
  notificationDeliveryJob,
  notificationDigestJob,
  orphanCleanupJob,
  packageStatsFoldJob,
  reportRetentionJob,
  sessionCleanupJob,
  versionCheckJob,
} from "@/lib/queue/definitions";
import type { JobProcessors } from "@/lib/queue/types";
import { processAlertEvaluation } from "./jobs/alert-evaluation";
import { processHostStatusMonitor } from "./jobs/host-status-monitor";
import { processNotificationDelivery } from "./jobs/notification-delivery";
import { processNotificationDigest } from "./jobs/notification-digest";
import { processOrphanCleanup } from "./jobs/orphan-cleanup";
import { processPackageStatsFold } from "./jobs/package-stats-fold";
import { processReportRetention } from "./jobs/report-retention";
import { processSessionCleanup } from "./jobs/session-cleanup";
import { processVersionCheck } from "./jobs/version-check";

export const processors: JobProcessors = {
  [sessionCleanupJob.name]: processSessionCleanup,
  [hostStatusMonitorJob.name]: processHostStatusMonitor,
  [orphanCleanupJob.name]: processOrphanCleanup,
  [packageStatsFoldJob.name]: processPackageStatsFold,
  [reportRetentionJob.name]: processReportRetention,
  [alertEvaluationJob.name]: processAlertEvaluation,
  [notificationDeliveryJob.name]: processNotificationDelivery,
  [notificationDigestJob.name]: processNotificationDigest,
  [versionCheckJob.name]: processVersionCheck,
};
