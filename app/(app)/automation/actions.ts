"use server";

// The Automation page's actions: thin wrappers over lib/queue/automation-access.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import { pauseJobFor, resumeJobFor, retryFailedJobsFor, runJobNowFor } from "@/lib/queue/automation-access";

const job = z.object({ job: z.string().min(1).max(100) });

function refresh() {
  revalidatePath("/automation");
}

export const runJobNowAction = authorizedAction("can_manage_settings", job, async (input, actor) => {
  await runJobNowFor(actor, input.job, await getRequestContext());
  refresh();
  return { job: input.job };
});

export const pauseJobAction = authorizedAction("can_manage_settings", job, async (input, actor) => {
  await pauseJobFor(actor, input.job, await getRequestContext());
  refresh();
  return { job: input.job };
});

export const resumeJobAction = authorizedAction("can_manage_settings", job, async (input, actor) => {
  await resumeJobFor(actor, input.job, await getRequestContext());
  refresh();
  return { job: input.job };
});

export const retryFailedJobsAction = authorizedAction("can_manage_settings", job, async (input, actor) => {
  await retryFailedJobsFor(actor, input.job, await getRequestContext());
  refresh();
  return { job: input.job };
});
