"use server";

// The host detail page's actions: thin wrappers; permission, scope, validation and audit live in
// lib/hosts (detail.ts and service.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import { ServiceError } from "@/lib/errors";
import {
  issueHostInstallCommandFor,
  requestHostReportFor,
  setHostAutoUpdateFor,
  updateHostNotesFor,
} from "@/lib/hosts/detail";
import { deleteHostFor, getHostFor, regenerateCredentialsFor } from "@/lib/hosts/service";

const target = z.object({ hostId: z.string().min(1) });

function refresh(hostId: string) {
  revalidatePath(`/hosts/${hostId}`);
}

export const updateNotesAction = authorizedAction(
  "can_manage_hosts",
  target.extend({ notes: z.string().default("") }),
  async ({ hostId, notes }, actor) => {
    const result = await updateHostNotesFor(actor, hostId, { notes }, await getRequestContext());
    refresh(hostId);
    return result;
  },
);

export const setAutoUpdateAction = authorizedAction(
  "can_manage_hosts",
  target.extend({ enabled: z.enum(["true", "false"]) }),
  async ({ hostId, enabled }, actor) => {
    const result = await setHostAutoUpdateFor(actor, hostId, enabled === "true", await getRequestContext());
    refresh(hostId);
    return result;
  },
);

export const requestReportAction = authorizedAction("can_manage_hosts", target, async ({ hostId }, actor) => {
  const result = await requestHostReportFor(actor, hostId, await getRequestContext());
  refresh(hostId);
  return result;
});

export const issueInstallCommandAction = authorizedAction(
  "can_manage_hosts",
  target,
  async ({ hostId }, actor) => issueHostInstallCommandFor(actor, hostId, await getRequestContext()),
);

export const regenerateCredentialsAction = authorizedAction(
  "can_manage_hosts",
  target,
  async ({ hostId }, actor) => {
    const issued = await regenerateCredentialsFor(actor, hostId, await getRequestContext());
    refresh(hostId);
    return issued;
  },
);

export const deleteHostAction = authorizedAction(
  "can_manage_hosts",
  target.extend({ confirmation: z.string() }),
  async ({ hostId, confirmation }, actor) => {
    // The typed name is checked here too, so a stray post cannot delete without it.
    const host = await getHostFor(actor, hostId);
    if (confirmation.trim() !== host.friendlyName) {
      const message = `Type ${host.friendlyName} to confirm.`;
      throw new ServiceError(message, { fieldErrors: { confirmation: [message] } });
    }
    await deleteHostFor(actor, hostId, await getRequestContext());
    revalidatePath("/hosts");
    redirect("/hosts");
  },
);
