"use client";

import { createHostGroupAction, updateHostGroupAction } from "@/app/(app)/host-groups/actions";
import { NameDescriptionFields, RecordFormFooter, useRecordForm } from "@/components/ui/record-form";
import { HOST_GROUP_PALETTE } from "@/lib/host-groups/palette";
import { ColorField } from "./color-field";
import type { HostGroupView } from "./types";

export function HostGroupForm({ group, onDone }: { group?: HostGroupView; onDone: () => void }) {
  const { onSubmit, pending, errors, formError } = useRecordForm(
    group ? updateHostGroupAction : createHostGroupAction,
    (data) => (group ? `Saved host group ${data.name}.` : `Created host group ${data.name}.`),
    onDone,
  );
  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="group-form" noValidate>
      {group ? <input type="hidden" name="groupId" value={group.id} /> : null}
      <NameDescriptionFields prefix="group" record={group} errors={errors} nameMaxLength={64} />
      <ColorField initial={group?.color ?? HOST_GROUP_PALETTE[0]} errors={errors.color} />
      <RecordFormFooter
        formError={formError}
        pending={pending}
        label={group ? "Save" : "Create group"}
        testId="group-save"
      />
    </form>
  );
}
