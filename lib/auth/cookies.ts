// The two cookies of the local sign-in besides next-auth's own: the pending second-factor ticket
// (5 minutes, only sent to /login) and the remember-this-device token.
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";

export const TFA_PENDING_COOKIE = "pm_tfa_pending";
export const TFA_DEVICE_COOKIE = "pm_tfa_device";

function secure(): boolean {
  return getEnv().server.protocol === "https";
}

export async function setPendingTfaCookie(ticket: string): Promise<void> {
  (await cookies()).set(TFA_PENDING_COOKIE, ticket, {
    httpOnly: true,
    sameSite: "lax",
    secure: secure(),
    path: "/login",
    maxAge: 300,
  });
}

export async function readPendingTfaCookie(): Promise<string | undefined> {
  return (await cookies()).get(TFA_PENDING_COOKIE)?.value;
}

export async function clearPendingTfaCookie(): Promise<void> {
  (await cookies()).set(TFA_PENDING_COOKIE, "", { httpOnly: true, path: "/login", maxAge: 0 });
}

export async function setDeviceCookie(token: string): Promise<void> {
  (await cookies()).set(TFA_DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: secure(),
    path: "/",
    maxAge: Math.floor(getEnv().tfa.rememberMeExpiresInMs / 1000),
  });
}

export async function readDeviceCookie(): Promise<string | undefined> {
  return (await cookies()).get(TFA_DEVICE_COOKIE)?.value;
}
