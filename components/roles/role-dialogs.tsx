"use client";

import { Plus } from "lucide-react";
import { useState } from "react";

import { deleteRoleAction } from "@/app/(app)/roles/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import type { HostGroupOption } from "@/components/users/types";
import { RoleForm } from "./role-form";
import type { PermissionOption, RoleRow } from "./types";

type FormProps = { permissions: PermissionOption[]; hostGroups: HostGroupOption[] };

/** "New role" or "Edit" (with `role`): the role form in a dialog. */
export function RoleFormDialog({ role, ...props }: FormProps & { role?: RoleRow }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {role ? (
          <Button variant="outline" size="sm" data-testid={`role-edit-${role.name}`}>
            Edit
          </Button>
        ) : (
          <Button data-testid="role-create">
            <Plus aria-hidden />
            New role
          </Button>
        )}
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{role ? `Edit role ${role.name}` : "New role"}</DialogTitle>
          <DialogDescription>Users with this role get exactly the permissions ticked here.</DialogDescription>
        </DialogHeader>
        <RoleForm role={role} {...props} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
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
