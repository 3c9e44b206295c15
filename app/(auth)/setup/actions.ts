"use server";

import { fieldErrorsOf } from "@/lib/auth/action";
import { isSetupComplete } from "@/lib/auth/guard";
import { limitAuthAttempt } from "@/lib/auth/rate-limit";
import { getRequestContext } from "@/lib/auth/request-context";
import { ALREADY_SET_UP, createFirstAdministrator, setupSchema } from "@/lib/auth/setup";
import { completeSignIn } from "@/lib/auth/sign-in";
import { type FieldErrors, ServiceError } from "@/lib/errors";

export type SetupState = { error?: string; fieldErrors?: FieldErrors; done?: boolean } | null;

export async function setupAction(_previous: SetupState, formData: FormData): Promise<SetupState> {
  if (await isSetupComplete()) return { error: ALREADY_SET_UP, done: true };
  const context = await getRequestContext();
  const limit = await limitAuthAttempt(context);
  if (!limit.allowed) return { error: limit.message };
  const parsed = setupSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return { error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  let userId: string;
  try {
    ({ userId } = await createFirstAdministrator(parsed.data, context));
  } catch (error) {
    if (error instanceof ServiceError) {
      return {
        error: error.message,
        fieldErrors: error.fieldErrors,
        done: error.status === 409,
      };
    }
    throw error;
  }
  return completeSignIn(userId, context, "/");
}
