import { foldPackageStatDeltas } from "@/db/queries/package-stats";
import { packageStatsFoldJob } from "@/lib/queue/definitions";
import type { JobProcessor } from "@/lib/queue/types";

/** Moves the pending package count changes into package_stats, one bounded batch per statement. */
export const processPackageStatsFold: JobProcessor = async (payload) => {
  const { batchSize } = packageStatsFoldJob.payload.parse(payload ?? {});
  return foldPackageStatDeltas(batchSize);
};
