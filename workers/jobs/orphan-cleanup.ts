import { deleteOrphanPackagesBatch, deleteOrphanRepositoriesBatch } from "@/db/queries/maintenance";
import { orphanCleanupJob } from "@/lib/queue/definitions";
import type { JobProcessor } from "@/lib/queue/types";

// Catalogue rows younger than this may be about to be linked by a report being ingested.
const GRACE_MS = 60 * 60_000;

async function drain(batch: (size: number, before: Date) => Promise<number>, size: number, before: Date) {
  let total = 0;
  for (;;) {
    const deleted = await batch(size, before);
    total += deleted;
    if (deleted < size) return total;
  }
}

/** Deletes packages and repositories no host references, one bounded batch per statement. */
export const processOrphanCleanup: JobProcessor = async (payload) => {
  const { batchSize } = orphanCleanupJob.payload.parse(payload ?? {});
  const before = new Date(Date.now() - GRACE_MS);
  const packages = await drain(deleteOrphanPackagesBatch, batchSize, before);
  const repositories = await drain(deleteOrphanRepositoriesBatch, batchSize, before);
  return { packages, repositories };
};
