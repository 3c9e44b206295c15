"use client";

import { useEffect, useRef } from "react";
import { toast } from "sonner";

import type { ActionResult } from "@/lib/auth/action";

/**
 * Toasts each new action result once: `success` (a message or a function of the data) when it
 * worked, the error otherwise; `onSuccess` runs alongside.
 */
export function useResultToast<T>(
  state: ActionResult<T> | null,
  success: string | ((data: T) => string),
  onSuccess?: (data: T) => void,
): void {
  const seen = useRef<ActionResult<T> | null>(null);
  const callback = useRef(onSuccess);
  callback.current = onSuccess;
  useEffect(() => {
    if (!state || seen.current === state) return;
    seen.current = state;
    if (state.ok) {
      toast.success(typeof success === "function" ? success(state.data) : success);
      callback.current?.(state.data);
    } else {
      toast.error(state.error);
    }
  }, [state, success]);
}
