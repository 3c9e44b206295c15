// Server actions are public POST endpoints: this wrapper authorizes first, then parses the input
// with zod, then runs the work; known errors come back as a result the form can show.
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { isUnstorableText } from "@/db/errors";
import {
  type FieldErrors,
  NotFoundError,
  PermissionError,
  ServiceError,
  UNSTORABLE_TEXT,
} from "@/lib/errors";
import { getLogger } from "@/lib/logger";
import type { Permission } from "@/lib/permissions";
import type { Actor } from "./actor";
import { hasPermission, requireUser } from "./guard";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: FieldErrors };

export type ActionInput = FormData | Record<string, unknown>;

function toObject(input: ActionInput): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [name, value] of input.entries()) {
    if (name.startsWith("$ACTION")) continue;
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else out[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

/** Maps a thrown domain error to a failed result; rethrows what the framework needs (redirects). */
export function failureOf(error: unknown): { ok: false; error: string; fieldErrors?: FieldErrors } {
  unstable_rethrow(error);
  if (error instanceof PermissionError || error instanceof NotFoundError)
    return { ok: false, error: error.message };
  if (error instanceof ServiceError)
    return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (isUnstorableText(error)) return { ok: false, error: UNSTORABLE_TEXT };
  if (error instanceof z.ZodError)
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(error) };
  getLogger("action").error({ err: error }, "server action failed");
  return { ok: false, error: "Something went wrong. Try again." };
}

/**
 * `authorizedAction(permission, schema, work)` gives a function usable with useActionState
 * (`(previous, formData)`) or called directly with an object. `permission` null: any signed-in user.
 */
export function authorizedAction<S extends z.ZodType, T>(
  permission: Permission | null,
  schema: S,
  work: (input: z.output<S>, actor: Actor) => Promise<T>,
): (previous: unknown, input: ActionInput) => Promise<ActionResult<T>> {
  return async (_previous, input) => {
    try {
      const actor = await requireUser();
      if (permission && !hasPermission(actor, permission)) throw new PermissionError();
      const parsed = schema.safeParse(toObject(input));
      if (!parsed.success) {
        return {
          ok: false,
          error: "Check the highlighted fields.",
          fieldErrors: fieldErrorsOf(parsed.error),
        };
      }
      return { ok: true, data: await work(parsed.data, actor) };
    } catch (error) {
      return failureOf(error);
    }
  };
}
