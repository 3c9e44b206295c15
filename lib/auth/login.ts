// Local sign-in: password (with per-account lockout held in the database, so it holds across
// processes), then the second factor. Unknown user, wrong password, disabled and locked accounts
// all get the same answer after the same work (a dummy hash is checked when there is no user).
import {
  clearTfaFailures,
  getLoginCandidate,
  getLoginCandidateById,
  type LoginCandidate,
  lockLogin,
  lockTfa,
  recordLoginSuccess,
  reserveLoginAttempt,
  reserveTfaAttempt,
} from "@/db/queries/auth";
import { claimRememberedDevice, consumeBackupCode, listUnusedBackupCodes } from "@/db/queries/tfa";
import { audit } from "@/lib/audit";
import { getEnv } from "@/lib/env";
import { hashPassword, verifyPassword } from "./passwords";
import type { RequestContext } from "./request-context";
import { hashDeviceToken, looksLikeBackupCode, matchBackupCode, spendTotpCode } from "./tfa";

export const GENERIC_LOGIN_ERROR = "Invalid username or password.";
export const GENERIC_TFA_ERROR = "Invalid verification code.";

export type PasswordOutcome =
  | { kind: "invalid" }
  | { kind: "tfa_required"; userId: string }
  | { kind: "ok"; userId: string; via: "password" | "remembered_device" };

let dummyHash: Promise<string> | undefined;

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
      // What was typed is kept only when it looks like a login name: people sometimes type their
      // password into the name field.
      actor: {
        userId: user?.id ?? null,
        label: looksLikeLoginName(login) ? login.slice(0, 100) : "(unrecognised login)",
      },
      ip: context.ip,
      userAgent: context.userAgent,
      details: { reason: user ? "no_local_password" : "unknown_user" },
    });
    return { kind: "invalid" };
  }
  // The attempt is counted before the hash is checked, so parallel guesses cannot outrun the lockout.
  const reservation = await reserveLoginAttempt(user.id, env.lockout.maxLoginAttempts, lockoutMs());
  const passwordOk = await verifyPassword(user.passwordHash, password);
  const refusal = !user.isActive
    ? "disabled"
    : !reservation.allowed
      ? "locked"
      : passwordOk
        ? null
        : "wrong_password";
  if (refusal) {
    if (refusal === "wrong_password" && reservation.attempt >= env.lockout.maxLoginAttempts) {
      await lockLogin(user.id, lockoutMs());
      await audit({ action: "auth.locked", ...about(user, context) });
    }
    await audit({ action: "auth.login_failed", ...about(user, context), details: { reason: refusal } });
    return { kind: "invalid" };
  }
  if (env.oidc.enabled && env.oidc.disableLocalAuth) {
    await audit({
      action: "auth.login_failed",
      ...about(user, context),
      details: { reason: "local_auth_disabled" },
    });
    return { kind: "invalid" };
  }
  if (user.tfaEnabled) {
    if (deviceToken && (await claimRememberedDevice(user.id, hashDeviceToken(deviceToken)))) {
      await succeed(user, context, "remembered_device");
      return { kind: "ok", userId: user.id, via: "remembered_device" };
    }
    // The password was right: its count resets, the second factor has a lockout of its own.
    await recordLoginSuccess(user.id);
    return { kind: "tfa_required", userId: user.id };
  }
  await succeed(user, context, "password");
  return { kind: "ok", userId: user.id, via: "password" };
}

function looksLikeLoginName(login: string): boolean {
  return /^[a-zA-Z0-9._-]{1,64}$/.test(login) || /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/.test(login);
}

function lockoutMs(): number {
  return getEnv().lockout.durationMinutes * 60_000;
}

function about(user: LoginCandidate, context: RequestContext) {
  return {
    actor: { userId: user.id, label: user.username },
    target: { type: "user", id: user.id },
    ip: context.ip,
    userAgent: context.userAgent,
  };
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
  const tfaLockMs = env.tfa.lockoutDurationMinutes * 60_000;
  const reservation = await reserveTfaAttempt(user.id, env.tfa.maxAttempts, tfaLockMs);
  if (!reservation.allowed) return { kind: "locked" };
  let method: "totp" | "backup_code" | null = null;
  // A code signs in once: the same code again (or an older one) within its validity is refused.
  const totp = await spendTotpCode(user.id, user.tfaSecretEncrypted, code);
  if (totp === "spent") method = "totp";
  else if (totp === "invalid" && looksLikeBackupCode(code)) {
    const codeId = await matchBackupCode(await listUnusedBackupCodes(user.id), code);
    if (codeId && (await consumeBackupCode(codeId))) method = "backup_code";
  }
  if (!method) {
    const lockedNow = reservation.attempt >= env.tfa.maxAttempts;
    if (lockedNow) await lockTfa(user.id, tfaLockMs);
    await audit({
      action: lockedNow ? "auth.tfa_locked" : "auth.tfa_failed",
      ...about(user, context),
      // A right code that already signed in: possibly one phished or read over a shoulder.
      ...(totp === "used" ? { details: { reason: "code already used" } } : {}),
    });
    return lockedNow ? { kind: "locked" } : { kind: "invalid" };
  }
  await clearTfaFailures(user.id);
  await succeed(user, context, `password+${method}`);
  return { kind: "ok" };
}
