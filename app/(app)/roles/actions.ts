"use server";

// The Roles page's actions: thin wrappers over lib/roles, which validates the raw form input.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import { createRole, deleteRole, updateRole } from "@/lib/roles/service";

const formInput = z.looseObject({ roleId: z.string().optional() });

function refresh() {
  revalidatePath("/roles");
  revalidatePath("/users");
}

export const createRoleAction = authorizedAction("can_manage_users", formInput, async (input, actor) => {
  const role = await createRole(actor, input, await getRequestContext());
  refresh();
  return { name: role.name };
});

export const updateRoleAction = authorizedAction("can_manage_users", formInput, async (input, actor) => {
  const { roleId, ...changes } = input;
  // A form always sends the whole permission set; none ticked is an explicit empty list.
  const role = await updateRole(
    actor,
    roleId ?? "",
    { permissions: [], ...changes },
    await getRequestContext(),
  );
  refresh();
  return { name: role.name };
});

export const deleteRoleAction = authorizedAction(
  "can_manage_users",
  z.object({ roleId: z.string().min(1) }),
  async ({ roleId }, actor) => {
    await deleteRole(actor, roleId, await getRequestContext());
    refresh();
    return null;
  },
);
