import type { Metadata } from "next";

import { JobsTable } from "@/components/automation/jobs-table";
import type { JobRunView, JobView } from "@/components/automation/types";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/guard";
import { getJobHistoryFor, type JobOverview, listJobsFor } from "@/lib/queue/automation-access";

type JobRun = NonNullable<JobOverview["lastRun"]>;

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Automation" };

const HISTORY = 10;

function runView(run: JobRun): JobRunView {
  return {
    id: run.id,
    status: run.status,
    trigger: run.triggeredBy,
    startedAt: run.startedAt.toISOString(),
    durationMs: run.durationMs,
    error: run.error,
  };
}

export default async function AutomationPage() {
  const actor = await requirePermission("can_manage_settings");
  const jobs = await listJobsFor(actor);
  const histories = await Promise.all(jobs.map((job) => getJobHistoryFor(actor, job.name, HISTORY)));
  const views: JobView[] = jobs.map((job, index) => ({
    name: job.name,
    description: job.description,
    schedule: job.schedule,
    scheduleText: job.scheduleText,
    nextRunAt: job.nextRunAt?.toISOString() ?? null,
    paused: job.paused,
    canRunNow: job.canRunNow,
    lastRun: job.lastRun ? runView(job.lastRun) : null,
    queue: job.queue,
    history: (histories[index] ?? []).map(runView),
  }));
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader
        title="Automation"
        description="Background jobs: their schedules, recent runs and outcomes. Times are in your time zone."
      />
      <JobsTable jobs={views} />
    </div>
  );
}
