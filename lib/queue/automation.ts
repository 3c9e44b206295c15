// What the Automation page calls: every job with its schedule, next and last run, pause state and
// (with BullMQ) queue depth; run now, pause, resume, retry failed. Authorization is the caller's.
import cronstrue from "cronstrue";
import {
  isJobPaused,
  listJobControls,
  listJobRuns,
  listLatestJobRuns,
  setJobPaused,
} from "@/db/queries/job-runs";
import type { JobRun } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { BullQueueDriver, type QueueCounts } from "./bullmq";
import { getJobDefinition, jobDefinitions } from "./definitions";
import { enqueue, getQueueDriver } from "./index";
import { nextRunAt } from "./inline";

export type JobOverview = {
  name: string;
  description: string;
  schedule: string | null;
  scheduleText: string | null;
  nextRunAt: Date | null;
  paused: boolean;
  /** Jobs that take a payload (per host, per delivery) are queued by the system, not run by hand. */
  canRunNow: boolean;
  lastRun: JobRun | null;
  queue: QueueCounts | null;
};

export class UnknownJobError extends Error {
  constructor(name: string) {
    super(`Unknown job: ${name}`);
    this.name = "UnknownJobError";
  }
}

function definitionOf(name: string) {
  const definition = getJobDefinition(name);
  if (!definition) throw new UnknownJobError(name);
  return definition;
}

function bullDriver(): BullQueueDriver | null {
  if (!getEnv().redis.enabled) return null;
  const driver = getQueueDriver();
  return driver instanceof BullQueueDriver ? driver : null;
}

export async function listJobs(now = new Date()): Promise<JobOverview[]> {
  const tz = getEnv().timezone;
  const names = jobDefinitions.map((job) => job.name);
  const [latest, controls] = await Promise.all([listLatestJobRuns(names), listJobControls()]);
  const bull = bullDriver();
  return Promise.all(
    jobDefinitions.map(async (job) => {
      const paused = controls.some((c) => c.jobName === job.name && c.paused);
      return {
        name: job.name,
        description: job.description,
        schedule: job.schedule ?? null,
        scheduleText: job.schedule ? cronstrue.toString(job.schedule, { use24HourTimeFormat: true }) : null,
        nextRunAt: job.schedule && !paused ? nextRunAt(job.schedule, now, tz) : null,
        paused,
        canRunNow: job.payload.safeParse({}).success,
        lastRun: latest.find((run) => run.jobName === job.name) ?? null,
        queue: bull ? await bull.counts(job.name).catch(() => null) : null,
      };
    }),
  );
}

export function getJobHistory(name: string, limit = 20): Promise<JobRun[]> {
  definitionOf(name);
  return listJobRuns(name, Math.min(Math.max(limit, 1), 200));
}

/** Queues one manual run (the worker, or this process without Redis, picks it up at once). */
export async function runJobNow(name: string, _actorUserId: string | null): Promise<void> {
  const definition = definitionOf(name);
  if (!definition.payload.safeParse({}).success) throw new Error(`Job ${name} cannot be run by hand`);
  await enqueue(name, {}, "manual");
}

/** Paused jobs skip their scheduled slots (on every worker); "run now" still works. */
export async function pauseJob(name: string, actorUserId: string | null): Promise<void> {
  definitionOf(name);
  await setJobPaused({ jobName: name, paused: true, actorUserId });
}

export async function resumeJob(name: string, actorUserId: string | null): Promise<void> {
  definitionOf(name);
  await setJobPaused({ jobName: name, paused: false, actorUserId });
}

export function isPaused(name: string): Promise<boolean> {
  return isJobPaused(definitionOf(name).name);
}

/** BullMQ only: moves the queue's failed jobs back to waiting. False without Redis. */
export async function retryFailedJobs(name: string, _actorUserId: string | null): Promise<boolean> {
  definitionOf(name);
  const bull = bullDriver();
  if (!bull) return false;
  await bull.retryFailed(name);
  return true;
}
