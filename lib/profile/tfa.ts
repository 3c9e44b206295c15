// Changing two-factor sign-in once it is on. Each change needs proof from the second factor itself
// (or, to switch it off, the password), so a borrowed session cannot weaken the account. Wrong codes
// count towards the same TFA lockout as sign-in (MAX_TFA_ATTEMPTS), which stops guessing here.
import { clearTfaFailures, getLoginCandidateById, recordTfaFailure } from "@/db/queries/auth";
import { deleteTfaData, replaceBackupCodes } from "@/db/queries/tfa";
import { withTransaction } from "@/db/queries/transaction";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/passwords";
import type { RequestContext } from "@/lib/auth/request-context";
import { generateBackupCodes, hashBackupCodes, spendTotpCode } from "@/lib/auth/tfa";
import { getEnv } from "@/lib/env";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { limitPasswordAttempt } from "./password";
import type { DisableTfaInput } from "./schemas";

const INVALID_CODE = "That code is not valid.";
const USED_CODE = "That code has already been used. Wait for the next code in your app.";

async function enabledTfaUser(actor: Actor) {
  const user = await getLoginCandidateById(actor.userId);
  if (!user) throw new NotFoundError("Account not found.");
  if (!user.tfaEnabled) throw new ServiceError("Two-factor authentication is not on.", { status: 409 });
  return user;
}

/** Throws unless `code` is the current TOTP code of the actor's stored secret. */
async function assertCurrentCode(
  actor: Actor,
  user: Awaited<ReturnType<typeof enabledTfaUser>>,
  code: string,
  context: Partial<RequestContext>,
): Promise<void> {
  if (user.tfaLockedUntil && user.tfaLockedUntil.getTime() > Date.now()) {
    throw new ServiceError("Too many wrong codes. Try again later.", { status: 429 });
  }
  // Each code works once, here as at sign-in: one read off the screen cannot be replayed.
  const totp = await spendTotpCode(actor.userId, user.tfaSecretEncrypted, code);
  if (totp === "spent") {
    if (user.tfaFailedAttempts > 0) await clearTfaFailures(actor.userId);
    return;
  }
  const { tfa } = getEnv();
  const { lockedNow } = await recordTfaFailure(
    actor.userId,
    tfa.maxAttempts,
    tfa.lockoutDurationMinutes * 60_000,
  );
  await audit({
    action: lockedNow ? "auth.tfa_locked" : "auth.tfa_failed",
    actor: { userId: actor.userId, label: actor.username },
    target: { type: "user", id: actor.userId },
    ip: context.ip,
    userAgent: context.userAgent,
    details: { during: "profile", ...(totp === "used" ? { reason: "code already used" } : {}) },
  });
  if (totp === "used")
    throw new ServiceError(USED_CODE, { fieldErrors: { code: ["has already been used"] } });
  throw new ServiceError(INVALID_CODE, { fieldErrors: { code: ["is not valid"] } });
}

/** New backup codes (returned this once); every earlier code stops working. */
export async function regenerateBackupCodes(
  actor: Actor,
  code: string,
  context: Partial<RequestContext> = {},
): Promise<{ backupCodes: string[] }> {
  const user = await enabledTfaUser(actor);
  await assertCurrentCode(actor, user, code, context);
  const backupCodes = generateBackupCodes();
  const hashes = await hashBackupCodes(backupCodes);
  await replaceBackupCodes(actor.userId, hashes);
  await audit({
    action: "tfa.backup_codes_regenerated",
    actor: { userId: actor.userId, label: actor.username },
    target: { type: "user", id: actor.userId },
    ip: context.ip,
    userAgent: context.userAgent,
  });
  return { backupCodes };
}

/** Switches TFA off with a current code or the password; secret, backup codes and devices go. */
export async function disableTfa(
  actor: Actor,
  proof: DisableTfaInput,
  context: Partial<RequestContext> = {},
): Promise<void> {
  const user = await enabledTfaUser(actor);
  if (proof.code !== undefined) {
    await assertCurrentCode(actor, user, proof.code, context);
  } else if (proof.password !== undefined) {
    if (!user.passwordHash) {
      throw new ServiceError("This account has no password here: use a code from your app.", {
        fieldErrors: { password: ["is not available for this account"] },
      });
    }
    await limitPasswordAttempt(actor, context);
    if (!(await verifyPassword(user.passwordHash, proof.password))) {
      throw new ServiceError("The password is not correct.", {
        fieldErrors: { password: ["is not correct"] },
      });
    }
  } else {
    throw new ServiceError("Enter a code from your app or your password.", {
      fieldErrors: { code: ["Enter a code from your app or your password"] },
    });
  }
  await withTransaction((tx) => deleteTfaData(actor.userId, tx));
  await audit({
    action: "tfa.disabled",
    actor: { userId: actor.userId, label: actor.username },
    target: { type: "user", id: actor.userId },
    ip: context.ip,
    userAgent: context.userAgent,
    details: { proof: proof.code !== undefined ? "code" : "password" },
  });
}
