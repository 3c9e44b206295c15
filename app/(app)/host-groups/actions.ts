"use server";

// The Host groups page's actions: thin wrappers over lib/host-groups, which validates the input.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import { createHostGroupFor, deleteHostGroupFor, updateHostGroupFor } from "@/lib/host-groups/service";

const formInput = z.object({
  groupId: z.string().optional(),
  name: z.string().default(""),
  description: z.string().optional(),
  color: z.string().default(""),
});

function refresh() {
  revalidatePath("/host-groups");
  revalidatePath("/hosts");
}

export const createHostGroupAction = authorizedAction("can_manage_hosts", formInput, async (input, actor) => {
  const { groupId: _ignored, ...values } = input;
  const group = await createHostGroupFor(actor, values, await getRequestContext());
  refresh();
  return { id: group.id, name: group.name };
});

export const updateHostGroupAction = authorizedAction("can_manage_hosts", formInput, async (input, actor) => {
  const { groupId, ...values } = input;
  const group = await updateHostGroupFor(actor, groupId ?? "", values, await getRequestContext());
  refresh();
  return { id: group.id, name: group.name };
});

export const deleteHostGroupAction = authorizedAction(
  "can_manage_hosts",
  z.object({ groupId: z.string().min(1) }),
  async ({ groupId }, actor) => {
    const deleted = await deleteHostGroupFor(actor, groupId, await getRequestContext());
    refresh();
    return { name: deleted.name };
  },
);
