"use server";

// The Users page's actions: thin wrappers; the rules (permissions, superadmin, last superadmin)
// live in lib/users and validate the raw form input themselves.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import { resetUserPassword, resetUserTfa, unlockUserAccount } from "@/lib/users/account";
import { deleteUser, setUserActive } from "@/lib/users/lifecycle";
import { createUser, updateUser } from "@/lib/users/service";

const formInput = z.looseObject({ userId: z.string().optional() });
const target = z.object({ userId: z.string().min(1) });

function refresh() {
  revalidatePath("/users");
}

export const createUserAction = authorizedAction("can_manage_users", formInput, async (input, actor) => {
  const user = await createUser(actor, input, await getRequestContext());
  refresh();
  return { username: user.username };
});

export const updateUserAction = authorizedAction("can_manage_users", formInput, async (input, actor) => {
  const { userId, ...changes } = input;
  const user = await updateUser(actor, userId ?? "", changes, await getRequestContext());
  refresh();
  return { username: user.username };
});

export const setUserActiveAction = authorizedAction(
  "can_manage_users",
  target.extend({ active: z.enum(["true", "false"]) }),
  async ({ userId, active }, actor) => {
    const result = await setUserActive(actor, userId, active === "true", await getRequestContext());
    refresh();
    return result;
  },
);

export const resetPasswordAction = authorizedAction("can_manage_users", formInput, async (input, actor) => {
  const result = await resetUserPassword(actor, input.userId ?? "", input, await getRequestContext());
  refresh();
  return result;
});

export const unlockUserAction = authorizedAction("can_manage_users", target, async ({ userId }, actor) => {
  await unlockUserAccount(actor, userId, await getRequestContext());
  refresh();
  return null;
});

export const resetTfaAction = authorizedAction("can_manage_users", target, async ({ userId }, actor) => {
  await resetUserTfa(actor, userId, await getRequestContext());
  refresh();
  return null;
});

export const deleteUserAction = authorizedAction("can_manage_users", formInput, async (input, actor) => {
  await deleteUser(actor, input.userId ?? "", input, await getRequestContext());
  refresh();
  return null;
});
