"use client";

import { Trash2 } from "lucide-react";

import { deleteHostGroupAction } from "@/app/(app)/host-groups/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RecordFormDialog } from "@/components/ui/record-form";
import { HostGroupForm } from "./host-group-form";
import type { HostGroupView } from "./types";

/** "New group" or "Edit" (with `group`): the group form in a dialog. */
export function HostGroupFormDialog({ group }: { group?: HostGroupView }) {
  return (
    <RecordFormDialog
      editing={group?.name}
      testId="group"
      createLabel="New group"
      title={group ? `Edit host group ${group.name}` : "New host group"}
      description="Groups organise hosts and limit what scoped users can see."
    >
      {(close) => <HostGroupForm group={group} onDone={close} />}
    </RecordFormDialog>
  );
}

/** Delete after typing the group's name; the hosts stay, without this group. */
export function DeleteHostGroupButton({ group }: { group: HostGroupView }) {
  const hosts = group.hostCount === 1 ? "1 host" : `${group.hostCount} hosts`;
  return (
    <ConfirmDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Delete ${group.name}`}
          data-testid={`group-delete-${group.name}`}
        >
          <Trash2 aria-hidden />
        </Button>
      }
      title={`Delete host group “${group.name}”?`}
      description={`${
        group.hostCount > 0
          ? `Its ${hosts} stay and lose only this group; hosts in no other group become ungrouped.`
          : "No hosts are in this group."
      } Users scoped to this group lose access to its hosts.`}
      typed={{
        id: `delete-${group.id}`,
        label: `Type ${group.name} to confirm`,
        matches: (typed) => typed === group.name,
      }}
      confirmLabel="Delete group"
      pendingLabel="Deleting…"
      action={() => deleteHostGroupAction(null, { groupId: group.id })}
      success={`Deleted host group ${group.name}.`}
    />
  );
}
