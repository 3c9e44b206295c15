"use client";

import { deleteRoleAction } from "@/app/(app)/roles/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RecordFormDialog } from "@/components/ui/record-form";
import type { HostGroupOption } from "@/components/users/types";
import { RoleForm } from "./role-form";
import type { PermissionOption, RoleRow } from "./types";

type FormProps = { permissions: PermissionOption[]; hostGroups: HostGroupOption[] };

/** "New role" or "Edit" (with `role`): the role form in a dialog. */
export function RoleFormDialog({ role, ...props }: FormProps & { role?: RoleRow }) {
  return (
    <RecordFormDialog
      editing={role?.name}
      testId="role"
      createLabel="New role"
      title={role ? `Edit role ${role.name}` : "New role"}
      description="Users with this role get exactly the permissions ticked here."
    >
      {(close) => <RoleForm role={role} {...props} onDone={close} />}
    </RecordFormDialog>
  );
}

export function DeleteRoleButton({ role }: { role: RoleRow }) {
  const inUse = role.userCount > 0;
  return (
    <ConfirmDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          className="text-destructive"
          disabled={inUse}
          title={inUse ? `Held by ${role.userCount} user${role.userCount === 1 ? "" : "s"}` : undefined}
          data-testid={`role-delete-${role.name}`}
        >
          Delete
        </Button>
      }
      title={`Delete role ${role.name}?`}
      description="No user holds it; it is removed for good."
      confirmLabel="Delete role"
      pendingLabel="Deleting…"
      action={() => deleteRoleAction(null, { roleId: role.id })}
      success={`Deleted role ${role.name}.`}
      confirmTestId="role-delete-confirm"
    />
  );
}
