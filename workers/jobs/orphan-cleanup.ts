import { deleteOrphanPackagesBatch, deleteOrphanRepositoriesBatch } from "@/db/queries/maintenance";
import { orphanCleanupJob } from "@/lib/queue/definitions";
import type { JobProcessor } from "@/lib/queue/types";
import { drain } from "./drain";

// Catalogue rows younger than this may be about to be linked by a report being ingested.
const GRACE_MS = 60 * 60_000;

/** Deletes packages and repositories no host references, one bounded batch per statement. */
export const processOrphanCleanup: JobProcessor = async (payload) => {
  const { batchSize } = orphanCleanupJob.payload.parse(payload ?? {});
  const before = new Date(Date.now() - GRACE_MS);
  const packages = await drain(() => deleteOrphanPackagesBatch(batchSize, before), batchSize);
  const repositories = await drain(() => deleteOrphanRepositoriesBatch(batchSize, before), batchSize);
  return { packages, repositories };
};
