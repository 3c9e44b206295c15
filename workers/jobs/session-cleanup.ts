import {
  purgeExpiredBootstrapTokens,
  purgeExpiredEnrolmentTokens,
  purgeExpiredSessions,
} from "@/db/queries/maintenance";
import type { JobProcessor } from "@/lib/queue/types";

/** Deletes what has expired. Idempotent: a second run in the same instant deletes nothing. */
export const processSessionCleanup: JobProcessor = async () => {
  const now = new Date();
  const sessions = await purgeExpiredSessions(now);
  const bootstrapTokens = await purgeExpiredBootstrapTokens(now);
  const enrolmentTokens = await purgeExpiredEnrolmentTokens(now);
  return { sessions, bootstrapTokens, enrolmentTokens };
};
