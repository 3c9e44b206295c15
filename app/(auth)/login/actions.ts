"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { rememberDevice } from "@/db/queries/tfa";
import { fieldErrorsOf } from "@/lib/auth/action";
import {
  clearPendingTfaCookie,
  readDeviceCookie,
  readPendingTfaCookie,
  setDeviceCookie,
  setPendingTfaCookie,
} from "@/lib/auth/cookies";
import {
  authenticatePassword,
  GENERIC_LOGIN_ERROR,
  GENERIC_TFA_ERROR,
  verifySecondFactor,
} from "@/lib/auth/login";
import { limitAuthAttempt } from "@/lib/auth/rate-limit";
import { getRequestContext } from "@/lib/auth/request-context";
import { loginSchema, safeCallbackUrl } from "@/lib/auth/schemas";
import { completeSignIn } from "@/lib/auth/sign-in";
import { newDeviceToken } from "@/lib/auth/tfa";
import { issueTicket, readTicket } from "@/lib/auth/tickets";
import { getEnv } from "@/lib/env";
import type { FieldErrors } from "@/lib/errors";

export type LoginState = { error?: string; fieldErrors?: FieldErrors } | null;

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const { login, password, callbackUrl } = parsed.data;
  const context = await getRequestContext();
  const limit = await limitAuthAttempt(context, login);
  if (!limit.allowed) return { error: limit.message };
  const outcome = await authenticatePassword(login, password, context, await readDeviceCookie());
  if (outcome.kind === "invalid") return { error: GENERIC_LOGIN_ERROR };
  if (outcome.kind === "tfa_required") {
    await setPendingTfaCookie(await issueTicket("tfa", { userId: outcome.userId, ...context }));
    const next = safeCallbackUrl(callbackUrl);
    redirect(next === "/" ? "/login/verify" : `/login/verify?callbackUrl=${encodeURIComponent(next)}`);
  }
  return completeSignIn(outcome.userId, context, callbackUrl);
}

const tfaSchema = z.object({
  code: z.string().trim().min(1, "Enter the code from your authenticator app or a backup code").max(32),
  remember: z.literal("on").optional(),
  callbackUrl: z.string().max(2048).optional(),
});

export async function verifyTfaAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const pending = await readTicket("tfa", await readPendingTfaCookie());
  if (!pending) return { error: "Your sign-in expired. Start again with your password." };
  const parsed = tfaSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const context = await getRequestContext();
  // Per IP and per account: a forged X-Forwarded-For cannot buy more guesses at one account's code.
  const limit = await limitAuthAttempt(context, `tfa:${pending.userId}`);
  if (!limit.allowed) return { error: limit.message };
  const outcome = await verifySecondFactor(pending.userId, parsed.data.code, context);
  if (outcome.kind === "locked") {
    await clearPendingTfaCookie();
    return { error: "Too many wrong codes. Two-factor sign-in is locked for a while; try again later." };
  }
  if (outcome.kind === "invalid") return { error: GENERIC_TFA_ERROR };
  await clearPendingTfaCookie();
  if (parsed.data.remember) {
    const { token, tokenHash } = newDeviceToken();
    const { tfa } = getEnv();
    await rememberDevice(
      {
        userId: pending.userId,
        tokenHash,
        ip: context.ip,
        userAgent: context.userAgent,
        expiresAt: new Date(Date.now() + tfa.rememberMeExpiresInMs),
      },
      tfa.maxRememberSessions,
    );
    await setDeviceCookie(token);
  }
  return completeSignIn(pending.userId, context, parsed.data.callbackUrl);
}

export async function ssoSignInAction(formData: FormData): Promise<void> {
  const { signIn } = await import("@/lib/auth/config");
  const callbackUrl = formData.get("callbackUrl");
  await signIn("oidc", { redirectTo: safeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : null) });
}
