import type { ActionResult } from "@/lib/auth/action";

/** An action's dispatcher and latest result, handed to a child form by the component that owns them. */
export type FormSlot<T> = {
  action: (formData: FormData) => void;
  pending: boolean;
  result: ActionResult<T> | null;
};

export function fieldErrorsOf<T>(result: ActionResult<T> | null): Record<string, string[]> {
  return result && !result.ok ? (result.fieldErrors ?? {}) : {};
}
