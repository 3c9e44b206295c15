"use client";

import { useActionState } from "react";

import { useResultToast } from "@/components/profile/use-result-toast";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";

type Action = (previous: unknown, input: FormData) => Promise<ActionResult<unknown>>;

function ConfirmForm({
  action,
  fields,
  confirmLabel,
  destructive,
  success,
  onDone,
}: {
  action: Action;
  fields: Record<string, string>;
  confirmLabel: string;
  destructive: boolean;
  success: string;
  onDone: () => void;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  useResultToast(state, success, onDone);
  return (
    <form action={formAction}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <AlertDialogFooter>
        <AlertDialogCancel type="button">Cancel</AlertDialogCancel>
        <Button
          type="submit"
          variant={destructive ? "destructive" : "default"}
          disabled={pending}
          data-testid="confirm-action"
        >
          {pending ? "Working…" : confirmLabel}
        </Button>
      </AlertDialogFooter>
    </form>
  );
}

/** A yes/no confirmation that runs one server action with hidden fields. */
export function ConfirmUserAction(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  action: Action;
  fields: Record<string, string>;
  confirmLabel: string;
  success: string;
  destructive?: boolean;
}) {
  const { open, onOpenChange, title, description, ...form } = props;
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent data-testid="confirm-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <ConfirmForm {...form} destructive={form.destructive ?? false} onDone={() => onOpenChange(false)} />
      </AlertDialogContent>
    </AlertDialog>
  );
}
