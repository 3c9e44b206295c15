"use client";

import type * as React from "react";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/auth/action";

type Props<T> = {
  trigger: React.ReactElement;
  title: string;
  description: string;
  confirmLabel: string;
  run: () => Promise<ActionResult<T>>;
  success: string | ((data: T) => string);
  testId: string;
};

/** A button that asks before it ends something, runs the action, then toasts the outcome. */
export function ConfirmAction<T>({ run, testId, ...props }: Props<T>) {
  return (
    <ConfirmDialog {...props} action={run} testId={`${testId}-dialog`} confirmTestId={`${testId}-confirm`} />
  );
}
