// Zero-config mode: the web process hosts the jobs (no Redis, so no separate worker).
import { getEnv } from "@/lib/env";
import { startInProcessJobs } from "@/lib/queue";
import { processors } from "./registry";

/** Starts the in-process job driver when Redis is not configured; otherwise the worker does the work. */
export function startJobsInWebProcessIfNeeded(): boolean {
  if (getEnv().redis.enabled) return false;
  startInProcessJobs(processors);
  return true;
}
