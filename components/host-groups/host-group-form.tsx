"use client";

import { useActionState } from "react";

import { createHostGroupAction, updateHostGroupAction } from "@/app/(app)/host-groups/actions";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useFormSubmit } from "@/components/users/use-form-submit";
import { HOST_GROUP_PALETTE } from "@/lib/host-groups/palette";
import { ColorField } from "./color-field";
import type { HostGroupView } from "./types";

export function HostGroupForm({ group, onDone }: { group?: HostGroupView; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(
    group ? updateHostGroupAction : createHostGroupAction,
    null,
  );
  const onSubmit = useFormSubmit(formAction);
  useResultToast(
    state,
    (data) => (group ? `Saved host group ${data.name}.` : `Created host group ${data.name}.`),
    onDone,
  );
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="group-form" noValidate>
      {group ? <input type="hidden" name="groupId" value={group.id} /> : null}
      <FormField id="group-name" label="Name" errors={errors.name}>
        <Input
          id="group-name"
          name="name"
          defaultValue={group?.name ?? ""}
          maxLength={64}
          data-testid="group-name"
          {...fieldAria("group-name", errors.name)}
        />
      </FormField>
      <FormField id="group-description" label="Description" errors={errors.description}>
        <Textarea
          id="group-description"
          name="description"
          defaultValue={group?.description ?? ""}
          rows={2}
          data-testid="group-description"
          {...fieldAria("group-description", errors.description)}
        />
      </FormField>
      <ColorField initial={group?.color ?? HOST_GROUP_PALETTE[0]} errors={errors.color} />
      {state && !state.ok && !state.fieldErrors ? (
        <p className="text-destructive text-sm" role="alert">
          {state.error}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="submit" disabled={pending} data-testid="group-save">
          {pending ? "Saving…" : group ? "Save" : "Create group"}
        </Button>
      </DialogFooter>
    </form>
  );
}
