"use client";

import { Plus } from "lucide-react";
import type * as React from "react";
import { useState } from "react";

import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/auth/action";

/**
 * A create/edit form for a named record (a host group, a role): submits without resetting what was
 * typed, toasts the outcome, calls `onDone` on success; `errors` are the field errors to show.
 */
export function useRecordForm<T>(
  action: (state: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T> | null>,
  success: (data: T) => string,
  onDone: () => void,
) {
  const [state, onSubmit, pending] = useActionForm(action, null);
  useResultToast(state, success, onDone);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const formError = state && !state.ok && !state.fieldErrors ? state.error : null;
  return { onSubmit, pending, errors, formError };
}

/** The Name and Description fields; ids and test ids are `${prefix}-name` and `${prefix}-description`. */
export function NameDescriptionFields({
  prefix,
  record,
  errors,
  nameMaxLength,
}: {
  prefix: string;
  record?: { name: string; description: string | null };
  errors: Record<string, string[] | undefined>;
  nameMaxLength?: number;
}) {
  return (
    <>
      <FormField id={`${prefix}-name`} label="Name" errors={errors.name}>
        <Input
          id={`${prefix}-name`}
          name="name"
          defaultValue={record?.name ?? ""}
          maxLength={nameMaxLength}
          data-testid={`${prefix}-name`}
          {...fieldAria(`${prefix}-name`, errors.name)}
        />
      </FormField>
      <FormField id={`${prefix}-description`} label="Description" errors={errors.description}>
        <Textarea
          id={`${prefix}-description`}
          name="description"
          defaultValue={record?.description ?? ""}
          rows={2}
          data-testid={`${prefix}-description`}
          {...fieldAria(`${prefix}-description`, errors.description)}
        />
      </FormField>
    </>
  );
}

/** The form-wide error (one without field errors), then the submit button. */
export function RecordFormFooter({
  formError,
  pending,
  label,
  testId,
}: {
  formError: string | null;
  pending: boolean;
  label: string;
  testId: string;
}) {
  return (
    <>
      {formError ? (
        <p className="text-destructive text-sm" role="alert">
          {formError}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="submit" disabled={pending} data-testid={testId}>
          {pending ? "Saving…" : label}
        </Button>
      </DialogFooter>
    </>
  );
}

/**
 * "New …" or, given `editing` (the record's name), "Edit": a record's form in a dialog. Test ids:
 * `${testId}-create` and `${testId}-edit-${name}`. `children` gets the function that closes it.
 */
export function RecordFormDialog({
  editing,
  testId,
  createLabel,
  title,
  description,
  children,
}: {
  editing?: string;
  testId: string;
  createLabel: string;
  title: string;
  description: string;
  children: (close: () => void) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {editing !== undefined ? (
          <Button variant="outline" size="sm" data-testid={`${testId}-edit-${editing}`}>
            Edit
          </Button>
        ) : (
          <Button data-testid={`${testId}-create`}>
            <Plus aria-hidden />
            {createLabel}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children(() => setOpen(false))}
      </DialogContent>
    </Dialog>
  );
}
