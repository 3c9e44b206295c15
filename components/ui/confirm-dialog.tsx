"use client";

import type * as React from "react";
import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";

import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/auth/action";

/** "Type the name to confirm": the confirm button stays disabled until `matches` accepts the text. */
export type TypedConfirmation = {
  /** Field id; also the prefix of its error's id. */
  id: string;
  label: string;
  matches: (typed: string) => boolean;
  testId?: string;
};

type Props<T> = {
  /** The control that opens the dialog (a Button). */
  trigger: React.ReactElement;
  title: React.ReactNode;
  description: React.ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while the action runs. */
  pendingLabel?: string;
  variant?: "destructive" | "default";
  typed?: TypedConfirmation;
  /**
   * Runs on confirm with the typed text. A result that failed keeps a typed dialog open with the
   * error under the field (its `confirmation` field error, else the message); otherwise the error
   * is toasted and the dialog closes. Nothing returned (a callback that reports itself, a redirect)
   * just closes it.
   */
  action: (typed: string) => Promise<ActionResult<T> | undefined>;
  /** Toasted when the action succeeds. */
  success?: string | ((data: T) => string);
  onSuccess?: (data: T) => void;
  testId?: string;
  confirmTestId?: string;
};

/** Asks before something that cannot be taken back, runs the action and reports how it went. */
export function ConfirmDialog<T>({
  trigger,
  title,
  description,
  confirmLabel,
  pendingLabel,
  variant = "destructive",
  typed,
  action,
  success,
  onSuccess,
  testId = "confirm-dialog",
  confirmTestId = "confirm-action",
}: Props<T>) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<string[] | undefined>();
  const [pending, startTransition] = useTransition();
  const input = useRef<HTMLInputElement>(null);
  const ready = !pending && (!typed || typed.matches(text));

  function onOpenChange(next: boolean) {
    setOpen(next);
    setText("");
    setErrors(undefined);
  }

  function confirm(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ready) return;
    startTransition(async () => {
      const result = await action(text);
      if (!result || result.ok) {
        onOpenChange(false);
        if (result?.ok) {
          if (success) toast.success(typeof success === "function" ? success(result.data) : success);
          onSuccess?.(result.data);
        }
      } else if (typed) {
        setErrors(result.fieldErrors?.confirmation ?? [result.error]);
      } else {
        onOpenChange(false);
        toast.error(result.error);
      }
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger>
      <AlertDialogContent
        data-testid={testId}
        onOpenAutoFocus={(event) => {
          if (!typed) return;
          event.preventDefault();
          input.current?.focus();
        }}
      >
        <form onSubmit={confirm} className="grid gap-4" noValidate>
          <AlertDialogHeader>
            <AlertDialogTitle>{title}</AlertDialogTitle>
            <AlertDialogDescription>{description}</AlertDialogDescription>
          </AlertDialogHeader>
          {typed ? (
            <FormField id={typed.id} label={typed.label} errors={errors}>
              <Input
                ref={input}
                id={typed.id}
                value={text}
                autoComplete="off"
                onChange={(event) => setText(event.target.value)}
                data-testid={typed.testId ?? "confirm-typed"}
                {...fieldAria(typed.id, errors)}
              />
            </FormField>
          ) : null}
          <AlertDialogFooter>
            <AlertDialogCancel type="button">Cancel</AlertDialogCancel>
            <Button type="submit" variant={variant} disabled={!ready} data-testid={confirmTestId}>
              {pending && pendingLabel ? pendingLabel : confirmLabel}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
