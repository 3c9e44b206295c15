// Account recovery by an administrator: set a new password, clear a lockout, reset two-factor.
// Each is refused on one's own account: the profile page does those with the current credentials.
import { revokeUserSessions } from "@/db/queries/sessions";
import { deleteTfaData } from "@/db/queries/tfa";
import { withTransaction } from "@/db/queries/transaction";
import { setUserPassword, unlockUser } from "@/db/queries/users";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { hashPassword } from "@/lib/auth/passwords";
import { auditBy, loadTargetUser, type RequestMeta, userTarget } from "./context";
import { assertMayAdministerUser, assertNotSelf } from "./rules";
import { resetPasswordSchema } from "./schemas";

async function targetFor(actor: Actor, userId: string) {
  assertPermission(actor, "can_manage_users");
  const target = await loadTargetUser(userId);
  assertMayAdministerUser(actor, target);
  return target;
}

/** Sets a new password (under the policy) and ends every session of the user. */
export async function resetUserPassword(
  actor: Actor,
  userId: string,
  input: unknown,
  meta: RequestMeta = {},
) {
  assertPermission(actor, "can_manage_users");
  assertNotSelf(actor, userId, "Change your own password on your profile page.");
  const { password } = resetPasswordSchema.parse(input);
  const target = await targetFor(actor, userId);
  const passwordHash = await hashPassword(password);
  const revokedSessions = await withTransaction(async (tx) => {
    await setUserPassword(userId, passwordHash, tx);
    return revokeUserSessions(userId, tx);
  });
  await auditBy(actor, meta, {
    action: "user.password_reset",
    target: userTarget(userId),
    details: { username: target.username, revokedSessions },
  });
  return { revokedSessions };
}

export async function unlockUserAccount(actor: Actor, userId: string, meta: RequestMeta = {}) {
  const target = await targetFor(actor, userId);
  await unlockUser(userId);
  await auditBy(actor, meta, {
    action: "user.unlocked",
    target: userTarget(userId),
    details: { username: target.username },
  });
}

/** Removes the TOTP secret, backup codes and remembered devices: the user enrols again. */
export async function resetUserTfa(actor: Actor, userId: string, meta: RequestMeta = {}) {
  assertPermission(actor, "can_manage_users");
  assertNotSelf(actor, userId, "Manage your own two-factor settings on your profile page.");
  const target = await targetFor(actor, userId);
  await withTransaction((tx) => deleteTfaData(userId, tx));
  await auditBy(actor, meta, {
    action: "tfa.reset",
    target: userTarget(userId),
    details: { username: target.username, wasEnabled: target.tfaEnabled },
  });
}
