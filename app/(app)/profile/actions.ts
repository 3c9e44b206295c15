"use server";

import { revalidatePath } from "next/cache";
// The profile page's actions: any signed-in user, always on their own account. Each one is a thin
// wrapper; the rules live in lib/profile.
import { cookies } from "next/headers";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import { getEnv } from "@/lib/env";
import { ServiceError } from "@/lib/errors";
import { updateProfile } from "@/lib/profile/account";
import { changePassword } from "@/lib/profile/password";
import { PENDING_TFA_COOKIE, PENDING_TFA_TTL_SECONDS } from "@/lib/profile/pending-tfa";
import {
  changePasswordSchema,
  deviceIdSchema,
  disableTfaSchema,
  sessionIdSchema,
  tfaCodeSchema,
  updateProfileSchema,
} from "@/lib/profile/schemas";
import { forgetMyDevice, revokeMyOtherSessions, revokeMySession } from "@/lib/profile/sessions";
import { disableTfa, regenerateBackupCodes } from "@/lib/profile/tfa";
import { beginTfaEnrolment, confirmTfaEnrolment } from "@/lib/profile/tfa-enrolment";

const PROFILE_PATH = "/profile";
const noInput = z.object({});

function refresh(): void {
  revalidatePath(PROFILE_PATH);
}

async function setPendingCookie(token: string): Promise<void> {
  (await cookies()).set(PENDING_TFA_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: getEnv().server.protocol === "https",
    path: PROFILE_PATH,
    maxAge: PENDING_TFA_TTL_SECONDS,
  });
}

async function clearPendingCookie(): Promise<void> {
  (await cookies()).set(PENDING_TFA_COOKIE, "", { httpOnly: true, path: PROFILE_PATH, maxAge: 0 });
}

export const updateProfileAction = authorizedAction(null, updateProfileSchema, async (input, actor) => {
  const result = await updateProfile(actor, input, await getRequestContext());
  // The name shows in the header on every page.
  revalidatePath("/", "layout");
  return result;
});

export const changePasswordAction = authorizedAction(null, changePasswordSchema, async (input, actor) => {
  const result = await changePassword(actor, input, await getRequestContext());
  refresh();
  return result;
});

export const beginTfaEnrolmentAction = authorizedAction(null, noInput, async (_input, actor) => {
  const { pendingToken, view } = await beginTfaEnrolment(actor);
  await setPendingCookie(pendingToken);
  return view;
});

export const cancelTfaEnrolmentAction = authorizedAction(null, noInput, async () => {
  await clearPendingCookie();
  return null;
});

export const confirmTfaEnrolmentAction = authorizedAction(null, tfaCodeSchema, async (input, actor) => {
  const token = (await cookies()).get(PENDING_TFA_COOKIE)?.value;
  if (!token) throw new ServiceError("This enrolment has expired. Start again to get a new QR code.");
  const result = await confirmTfaEnrolment(actor, token, input.code, await getRequestContext());
  await clearPendingCookie();
  refresh();
  return result;
});

export const regenerateBackupCodesAction = authorizedAction(null, tfaCodeSchema, async (input, actor) => {
  const result = await regenerateBackupCodes(actor, input.code, await getRequestContext());
  refresh();
  return result;
});

export const disableTfaAction = authorizedAction(null, disableTfaSchema, async (input, actor) => {
  await disableTfa(actor, input, await getRequestContext());
  refresh();
  return null;
});

export const revokeSessionAction = authorizedAction(null, sessionIdSchema, async (input, actor) => {
  await revokeMySession(actor, input.sessionId, await getRequestContext());
  refresh();
  return null;
});

export const revokeOtherSessionsAction = authorizedAction(null, noInput, async (_input, actor) => {
  const result = await revokeMyOtherSessions(actor, await getRequestContext());
  refresh();
  return result;
});

export const forgetDeviceAction = authorizedAction(null, deviceIdSchema, async (input, actor) => {
  const result = await forgetMyDevice(actor, input.deviceId, await getRequestContext());
  refresh();
  return result;
});
