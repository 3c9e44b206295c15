// Disabling, enabling and deleting accounts: the changes that can take a superadmin away, so each
// runs in a transaction that first locks the active superusers (lib/users/service.ts explains the order).

import { revokeUserSessions } from "@/db/queries/sessions";
import { withTransaction } from "@/db/queries/transaction";
import { deleteUserById, lockActiveSuperuserIds, updateUserById } from "@/db/queries/user-admin";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { ServiceError } from "@/lib/errors";
import { auditBy, loadTargetUser, type RequestMeta, userTarget } from "./context";
import {
  activeSuperusersAfterRemoving,
  assertMayAdministerUser,
  assertNotSelf,
  assertSuperuserRemains,
} from "./rules";
import { deleteUserSchema } from "./schemas";

/** Disables (ending every session of the user) or re-enables an account. */
export async function setUserActive(
  actor: Actor,
  userId: string,
  active: boolean,
  meta: RequestMeta = {},
): Promise<{ revokedSessions: number }> {
  assertPermission(actor, "can_manage_users");
  if (!active) assertNotSelf(actor, userId, "You cannot disable your own account.");
  const outcome = await withTransaction(async (tx) => {
    const superusers = await lockActiveSuperuserIds(tx);
    const target = await loadTargetUser(userId, tx, true);
    assertMayAdministerUser(actor, target);
    if (target.isActive === active) return { target, changed: false, revokedSessions: 0 };
    if (!active && target.roleIsSuperuser)
      assertSuperuserRemains(activeSuperusersAfterRemoving(superusers, userId));
    await updateUserById(userId, { isActive: active }, tx);
    const revokedSessions = active ? 0 : await revokeUserSessions(userId, tx);
    return { target, changed: true, revokedSessions };
  });
  if (outcome.changed)
    await auditBy(actor, meta, {
      action: active ? "user.enabled" : "user.disabled",
      target: userTarget(userId),
      details: { username: outcome.target.username, revokedSessions: outcome.revokedSessions },
    });
  return { revokedSessions: outcome.revokedSessions };
}

/** Deletes an account; `input.confirm` must repeat the username. */
export async function deleteUser(actor: Actor, userId: string, input: unknown, meta: RequestMeta = {}) {
  assertPermission(actor, "can_manage_users");
  const { confirm } = deleteUserSchema.parse(input);
  assertNotSelf(actor, userId, "You cannot delete your own account.");
  const target = await withTransaction(async (tx) => {
    const superusers = await lockActiveSuperuserIds(tx);
    const row = await loadTargetUser(userId, tx, true);
    assertMayAdministerUser(actor, row);
    if (confirm.toLowerCase() !== row.username)
      throw new ServiceError("Type the username exactly to confirm.", {
        fieldErrors: { confirm: [`Type ${row.username} to confirm`] },
      });
    if (row.isActive && row.roleIsSuperuser)
      assertSuperuserRemains(activeSuperusersAfterRemoving(superusers, userId));
    await deleteUserById(userId, tx);
    return row;
  });
  await auditBy(actor, meta, {
    action: "user.deleted",
    target: userTarget(userId),
    details: { username: target.username, role: target.roleName },
  });
}
