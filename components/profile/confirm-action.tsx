"use client";

import type * as React from "react";
import { useTransition } from "react";
import { toast } from "sonner";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { buttonVariants } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";

type Props<T> = {
  trigger: React.ReactNode;
  title: string;
  description: string;
  confirmLabel: string;
  run: () => Promise<ActionResult<T>>;
  success: string | ((data: T) => string);
  testId: string;
};

/** A button that asks before it ends something, runs the action, then toasts the outcome. */
export function ConfirmAction<T>({
  trigger,
  title,
  description,
  confirmLabel,
  run,
  success,
  testId,
}: Props<T>) {
  const [pending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      const result = await run();
      if (result.ok) toast.success(typeof success === "function" ? success(result.data) : success);
      else toast.error(result.error);
    });
  }

  return (
    <AlertDialog>
      <AlertDialogTrigger asChild disabled={pending}>
        {trigger}
      </AlertDialogTrigger>
      <AlertDialogContent data-testid={`${testId}-dialog`}>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            className={buttonVariants({ variant: "destructive" })}
            onClick={confirm}
            data-testid={`${testId}-confirm`}
          >
            {confirmLabel}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
