// Maps each job name to its processor. Both the worker and the in-process driver use this map.
import { sessionCleanupJob } from "@/lib/queue/definitions";
import type { JobProcessors } from "@/lib/queue/types";
import { processSessionCleanup } from "./jobs/session-cleanup";

export const processors: JobProcessors = {
  [sessionCleanupJob.name]: processSessionCleanup,
};
