// Every background job: its queue name, payload schema and schedule. Processors live in workers/jobs.
import { z } from "zod";

export type JobDefinition<TPayload = unknown> = {
  /** Queue and job name, kebab-case. One queue per job keeps schedules and retries independent. */
  name: string;
  description: string;
  payload: z.ZodType<TPayload>;
  /** Cron pattern (server time zone TZ) for repeatable jobs; absent for jobs that are only enqueued. */
  schedule?: string;
  attempts: number;
  backoffMs: number;
};

export const sessionCleanupJob: JobDefinition<Record<string, never>> = {
  name: "session-cleanup",
  description:
    "Purges expired, idle and revoked sessions, expired remembered devices, used or expired bootstrap tokens and expired enrolment tokens",
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  schedule: "17 3 * * *",
  attempts: 3,
  backoffMs: 30_000,
};

export const jobDefinitions: readonly JobDefinition[] = [sessionCleanupJob as JobDefinition];

export function getJobDefinition(name: string): JobDefinition | undefined {
  return jobDefinitions.find((job) => job.name === name);
}
