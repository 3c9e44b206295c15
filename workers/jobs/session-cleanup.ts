import {
  expireAgentCommands,
  purgeExpiredBootstrapTokens,
  purgeExpiredEnrolmentTokens,
  purgeExpiredRememberedDevices,
  purgeExpiredSessions,
} from "@/db/queries/maintenance";
import { getEnv } from "@/lib/env";
import type { JobProcessor } from "@/lib/queue/types";

/** Deletes what has expired. Idempotent: a second run in the same instant deletes nothing. */
export const processSessionCleanup: JobProcessor = async () => {
  const now = new Date();
  const idleCutoff = new Date(now.getTime() - getEnv().auth.sessionInactivityTimeoutMinutes * 60_000);
  const sessions = await purgeExpiredSessions(now, idleCutoff);
  const rememberedDevices = await purgeExpiredRememberedDevices(now);
  const bootstrapTokens = await purgeExpiredBootstrapTokens(now);
  const enrolmentTokens = await purgeExpiredEnrolmentTokens(now);
  const agentCommands = await expireAgentCommands(now);
  return { sessions, rememberedDevices, bootstrapTokens, enrolmentTokens, agentCommands };
};
