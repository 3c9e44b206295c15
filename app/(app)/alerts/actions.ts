"use server";

// The Alerts page's actions: thin wrappers over lib/alerts/access, which checks the permission and
// the host-group scope itself.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  acknowledgeAlertsFor,
  assignAlertFor,
  commentOnAlertFor,
  resolveAlertsFor,
} from "@/lib/alerts/access";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";

// FormData gives one id as a string and several as an array.
const ids = z.object({
  ids: z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(z.string()).min(1)),
});
const one = z.object({ alertId: z.string().min(1) });

function refresh() {
  // The layout too: the navigation badge counts open alerts.
  revalidatePath("/", "layout");
}

export const acknowledgeAlertsAction = authorizedAction("can_manage_hosts", ids, async (input, actor) => {
  const changed = await acknowledgeAlertsFor(actor, input.ids, await getRequestContext());
  refresh();
  return { count: changed.length };
});

export const resolveAlertsAction = authorizedAction("can_manage_hosts", ids, async (input, actor) => {
  const changed = await resolveAlertsFor(actor, input.ids, await getRequestContext());
  refresh();
  return { count: changed.length };
});

export const assignAlertAction = authorizedAction(
  "can_manage_hosts",
  one.extend({ assigneeUserId: z.string() }),
  async (input, actor) => {
    const assignee = input.assigneeUserId === "none" ? null : input.assigneeUserId;
    await assignAlertFor(actor, input.alertId, assignee, await getRequestContext());
    refresh();
    return { assigned: assignee !== null };
  },
);

export const commentOnAlertAction = authorizedAction(
  "can_manage_hosts",
  one.extend({ body: z.string().trim().min(1, "Write a comment first").max(5000) }),
  async (input, actor) => {
    await commentOnAlertFor(actor, input.alertId, input.body);
    revalidatePath(`/alerts/${input.alertId}`);
    return null;
  },
);
