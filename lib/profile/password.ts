// Changing one's own password: the current password proves it is the owner at the keyboard (not a
// borrowed session), attempts are limited per user and per address, and every other session of the
// account ends so a thief holding an old session loses it.
import { getLoginCandidateById, revokeOtherSessions } from "@/db/queries/auth";
import { withTransaction } from "@/db/queries/transaction";
import { setUserPassword } from "@/db/queries/users";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import type { RequestContext } from "@/lib/auth/request-context";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";
import type { ChangePasswordInput } from "./schemas";

/** Counts one password check against the "password" limits of this user and this address. */
export async function limitPasswordAttempt(actor: Actor, context: Partial<RequestContext>): Promise<void> {
  const keys = [`user:${actor.userId}`, ...(context.ip ? [`ip:${context.ip}`] : [])];
  for (const key of keys) {
    const outcome = await consumeRateLimit("password", key);
    if (!outcome.allowed) {
      const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
      throw new ServiceError(
        `Too many password attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        { status: 429 },
      );
    }
  }
}

/** The account's password hash; a ServiceError for accounts that sign in only through SSO. */
export async function requireLocalPassword(actor: Actor): Promise<string> {
  const user = await getLoginCandidateById(actor.userId);
  if (!user) throw new NotFoundError("Account not found.");
  if (!user.passwordHash) {
    throw new ServiceError("This account signs in through single sign-on and has no password here.");
  }
  return user.passwordHash;
}

export async function changePassword(
  actor: Actor,
  input: ChangePasswordInput,
  context: Partial<RequestContext> = {},
): Promise<{ otherSessionsEnded: number }> {
  const currentHash = await requireLocalPassword(actor);
  await limitPasswordAttempt(actor, context);
  if (!(await verifyPassword(currentHash, input.currentPassword))) {
    throw new ServiceError("The current password is not correct.", {
      fieldErrors: { currentPassword: ["is not correct"] },
    });
  }
  const newHash = await hashPassword(input.newPassword);
  const otherSessionsEnded = await withTransaction(async (tx) => {
    await setUserPassword(actor.userId, newHash, tx);
    return revokeOtherSessions(actor.userId, actor.sessionId, tx);
  });
  await audit({
    action: "user.password_changed",
    actor: { userId: actor.userId, label: actor.username },
    target: { type: "user", id: actor.userId },
    ip: context.ip,
    userAgent: context.userAgent,
    details: { otherSessionsEnded },
  });
  return { otherSessionsEnded };
}
