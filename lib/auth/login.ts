// Local sign-in: password (with per-account lockout held in the database, so it holds across
// processes), then the second factor. Unknown user, wrong password, disabled and locked accounts
// all get the same answer after the same work (a dummy hash is checked when there is no user).
import {
  clearTfaFailures,
  getLoginCandidate,
  getLoginCandidateById,
  type LoginCandidate,
  recordLoginFailure,
  recordLoginSuccess,
  recordTfaFailure,
} from "@/db/queries/auth";
import { claimRememberedDevice, consumeBackupCode, listUnusedBackupCodes } from "@/db/queries/tfa";
import { audit } from "@/lib/audit";
import { getEnv } from "@/lib/env";
import { hashPassword, verifyPassword } from "./passwords";
import type { RequestContext } from "./request-context";
import { hashDeviceToken, looksLikeBackupCode, matchBackupCode, verifyTotpEncrypted } from "./tfa";

export const GENERIC_LOGIN_ERROR = "Invalid username or password.";
export const GENERIC_TFA_ERROR = "Invalid verification code.";

export type PasswordOutcome =
  | { kind: "invalid" }
  | { kind: "tfa_required"; userId: string }
  | { kind: "ok"; userId: string; via: "password" | "remembered_device" };

let dummyHash: Promise<string> | undefined;

function isLocked(until: Date | null): boolean {
  return until !== null && until.getTime() > Date.now();
}

/** Checks a login name and password; `deviceToken` is the remember-this-device cookie, if any. */
export async function authenticatePassword(
  login: string,
  password: string,
  context: RequestContext,
  deviceToken?: string,
): Promise<PasswordOutcome> {
  const env = getEnv();
  const user = await getLoginCandidate(login);
  if (!user?.passwordHash) {
    dummyHash ??= hashPassword("patchmon-timing-equaliser");
    await verifyPassword(await dummyHash, password);
    await audit({
      action: "auth.login_failed",
      actor: { userId: user?.id ?? null, label: login.slice(0, 100) },
      ip: context.ip,
      userAgent: context.userAgent,
      details: { reason: user ? "no_local_password" : "unknown_user" },
    });
    return { kind: "invalid" };
  }
  const passwordOk = await verifyPassword(user.passwordHash, password);
  const refusal = !user.isActive
    ? "disabled"
    : isLocked(user.lockedUntil)
      ? "locked"
      : passwordOk
        ? null
        : "wrong_password";
  if (refusal) {
    await refuse(user, refusal, context);
    return { kind: "invalid" };
  }
  if (env.oidc.enabled && env.oidc.disableLocalAuth) {
    await refuse(user, "local_auth_disabled", context);
    return { kind: "invalid" };
  }
  if (user.tfaEnabled) {
    if (deviceToken && (await claimRememberedDevice(user.id, hashDeviceToken(deviceToken)))) {
      await succeed(user, context, "remembered_device");
      return { kind: "ok", userId: user.id, via: "remembered_device" };
    }
    return { kind: "tfa_required", userId: user.id };
  }
  await succeed(user, context, "password");
  return { kind: "ok", userId: user.id, via: "password" };
}

async function refuse(user: LoginCandidate, reason: string, context: RequestContext): Promise<void> {
  const env = getEnv();
  const label = { userId: user.id, label: user.username };
  // Only a wrong password counts towards the lockout; attempts during a lockout do not extend it.
  if (reason === "wrong_password") {
    const { lockedNow } = await recordLoginFailure(
      user.id,
      env.lockout.maxLoginAttempts,
      env.lockout.durationMinutes * 60_000,
    );
    if (lockedNow) {
      await audit({
        action: "auth.locked",
        actor: label,
        target: { type: "user", id: user.id },
        ip: context.ip,
        userAgent: context.userAgent,
      });
    }
  }
  await audit({
    action: "auth.login_failed",
    actor: label,
    target: { type: "user", id: user.id },
    ip: context.ip,
    userAgent: context.userAgent,
    details: { reason },
  });
}

async function succeed(user: LoginCandidate, context: RequestContext, method: string): Promise<void> {
  await recordLoginSuccess(user.id);
  await audit({
    action: "auth.login",
    actor: { userId: user.id, label: user.username },
    target: { type: "user", id: user.id },
    ip: context.ip,
    userAgent: context.userAgent,
    details: { method },
  });
}

export type TfaOutcome = { kind: "ok" } | { kind: "invalid" } | { kind: "locked" };

/** Checks a TOTP or backup code for a user who already passed the password step. */
export async function verifySecondFactor(
  userId: string,
  code: string,
  context: RequestContext,
): Promise<TfaOutcome> {
  const env = getEnv();
  const user = await getLoginCandidateById(userId);
  if (!user?.isActive || !user.tfaEnabled) return { kind: "invalid" };
  const actor = { userId: user.id, label: user.username };
  if (isLocked(user.tfaLockedUntil)) return { kind: "locked" };
  let method: "totp" | "backup_code" | null = null;
  if (verifyTotpEncrypted(user.tfaSecretEncrypted, code)) method = "totp";
  else if (looksLikeBackupCode(code)) {
    const codeId = await matchBackupCode(await listUnusedBackupCodes(user.id), code);
    if (codeId && (await consumeBackupCode(codeId))) method = "backup_code";
  }
  if (!method) {
    const { lockedNow } = await recordTfaFailure(
      user.id,
      env.tfa.maxAttempts,
      env.tfa.lockoutDurationMinutes * 60_000,
    );
    await audit({
      action: lockedNow ? "auth.tfa_locked" : "auth.tfa_failed",
      actor,
      target: { type: "user", id: user.id },
      ip: context.ip,
      userAgent: context.userAgent,
    });
    return lockedNow ? { kind: "locked" } : { kind: "invalid" };
  }
  await clearTfaFailures(user.id);
  await succeed(user, context, `password+${method}`);
  return { kind: "ok" };
}
