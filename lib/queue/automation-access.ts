// The Automation page's view of the background jobs: settings managers only, every action audited.
// An unknown job name is "not found" for the page and the API alike.

import type { JobRun } from "@/db/schema";
import { auditBy, type RequestMeta } from "@/lib/actor-audit";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { NotFoundError, ServiceError } from "@/lib/errors";
import {
  getJobHistory,
  type JobOverview,
  listJobs,
  pauseJob,
  resumeJob,
  retryFailedJobs,
  runJobNow,
  UnknownJobError,
} from "./automation";
import { getJobDefinition } from "./definitions";

export type { JobOverview, RequestMeta };

function known(name: string): string {
  if (!getJobDefinition(name)) throw new NotFoundError("Job not found.");
  return name;
}

async function notFoundIfUnknown<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnknownJobError) throw new NotFoundError("Job not found.");
    throw error;
  }
}

export function listJobsFor(actor: Actor): Promise<JobOverview[]> {
  assertPermission(actor, "can_manage_settings");
  return listJobs();
}

export function getJobHistoryFor(actor: Actor, name: string, limit = 20): Promise<JobRun[]> {
  assertPermission(actor, "can_manage_settings");
  return notFoundIfUnknown(() => getJobHistory(known(name), limit));
}

export async function runJobNowFor(actor: Actor, name: string, meta: RequestMeta = {}): Promise<void> {
  assertPermission(actor, "can_manage_settings");
  const definition = getJobDefinition(known(name));
  // Jobs that need a payload (one host, one delivery) are queued by the system only.
  if (!definition?.payload.safeParse({}).success) {
    throw new ServiceError("This job is queued by the system and cannot be run by hand.", { status: 409 });
  }
  await notFoundIfUnknown(() => runJobNow(name, actor.userId));
  await auditBy(actor, meta, { action: "job.run_now", target: { type: "job", id: name } });
}

export async function pauseJobFor(actor: Actor, name: string, meta: RequestMeta = {}): Promise<void> {
  assertPermission(actor, "can_manage_settings");
  await notFoundIfUnknown(() => pauseJob(known(name), actor.userId));
  await auditBy(actor, meta, { action: "job.paused", target: { type: "job", id: name } });
}

export async function resumeJobFor(actor: Actor, name: string, meta: RequestMeta = {}): Promise<void> {
  assertPermission(actor, "can_manage_settings");
  await notFoundIfUnknown(() => resumeJob(known(name), actor.userId));
  await auditBy(actor, meta, { action: "job.resumed", target: { type: "job", id: name } });
}

/** BullMQ only; without Redis there is no failed-job queue to retry (a refusal says so). */
export async function retryFailedJobsFor(actor: Actor, name: string, meta: RequestMeta = {}): Promise<void> {
  assertPermission(actor, "can_manage_settings");
  const retried = await notFoundIfUnknown(() => retryFailedJobs(known(name), actor.userId));
  if (!retried) throw new ServiceError("Failed jobs can be retried only when Redis is configured.");
  await auditBy(actor, meta, { action: "job.failed_retried", target: { type: "job", id: name } });
}
