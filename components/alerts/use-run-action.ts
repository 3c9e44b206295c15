"use client";

import { useTransition } from "react";
import { toast } from "sonner";

import type { ActionResult } from "@/lib/auth/action";

type Action<T> = (previous: unknown, input: Record<string, unknown>) => Promise<ActionResult<T>>;

/**
 * Runs a server action from a button (no form): toasts the outcome and reports success. The
 * action revalidates the page, so the table redraws from the server.
 */
export function useRunAction() {
  const [pending, startTransition] = useTransition();
  function run<T>(
    action: Action<T>,
    input: Record<string, unknown>,
    success: string | ((data: T) => string),
    onSuccess?: (data: T) => void,
  ) {
    startTransition(async () => {
      const result = await action(null, input);
      if (result.ok) {
        toast.success(typeof success === "function" ? success(result.data) : success);
        onSuccess?.(result.data);
      } else {
        toast.error(result.error);
      }
    });
  }
  return { pending, run };
}
