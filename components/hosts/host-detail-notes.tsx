"use client";

import { useState } from "react";

import { updateNotesAction } from "@/app/(app)/hosts/[id]/actions";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { useActionForm } from "@/components/ui/use-action-form";

/** Free-text notes about a host; read-only text for users who cannot manage hosts. */
export function HostDetailNotes({
  hostId,
  notes,
  maxLength,
  canManage,
}: {
  hostId: string;
  notes: string | null;
  maxLength: number;
  canManage: boolean;
}) {
  const [state, onSubmit, pending] = useActionForm(updateNotesAction, null);
  const [value, setValue] = useState(notes ?? "");
  useResultToast(state, "Notes saved.");
  const errors = state && !state.ok ? state.fieldErrors?.notes : undefined;
  const length = value.trim().length;

  if (!canManage) {
    return notes ? (
      <p className="whitespace-pre-wrap rounded-lg border p-4 text-sm" data-testid="host-notes-text">
        {notes}
      </p>
    ) : (
      <p
        className="rounded-lg border border-dashed p-8 text-center text-muted-foreground text-sm"
        data-testid="host-notes-text"
      >
        No notes for this host.
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} className="grid max-w-3xl gap-3" noValidate data-testid="host-notes-form">
      <input type="hidden" name="hostId" value={hostId} />
      <FormField
        id="host-notes"
        label="Notes"
        errors={errors}
        hint={
          <span
            className={length > maxLength ? "text-destructive" : undefined}
            data-testid="host-notes-count"
          >
            {length.toLocaleString("en")} / {maxLength.toLocaleString("en")} characters
          </span>
        }
      >
        <Textarea
          id="host-notes"
          name="notes"
          rows={10}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="Who owns this host, maintenance windows, anything the next person should know."
          data-testid="host-notes"
          {...fieldAria("host-notes", errors, true)}
        />
      </FormField>
      <div>
        <Button type="submit" disabled={pending} data-testid="host-notes-save">
          {pending ? "Saving…" : "Save notes"}
        </Button>
      </div>
    </form>
  );
}
