"use client";

import { Plus } from "lucide-react";
import { useState } from "react";

import { deleteRoleAction } from "@/app/(app)/roles/actions";
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
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import type { HostGroupOption } from "@/components/users/types";
import { useRemovalAction } from "@/components/users/use-removal-action";
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

function DeleteRoleForm({ role }: { role: RoleRow }) {
  const { pending, onSubmit } = useRemovalAction(deleteRoleAction, `Deleted role ${role.name}.`);
  return (
    <form onSubmit={onSubmit}>
      <input type="hidden" name="roleId" value={role.id} />
      <AlertDialogFooter>
        <AlertDialogCancel type="button">Cancel</AlertDialogCancel>
        <Button type="submit" variant="destructive" disabled={pending} data-testid="role-delete-confirm">
          {pending ? "Deleting…" : "Delete role"}
        </Button>
      </AlertDialogFooter>
    </form>
  );
}

export function DeleteRoleButton({ role }: { role: RoleRow }) {
  const [open, setOpen] = useState(false);
  const inUse = role.userCount > 0;
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
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
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete role {role.name}?</AlertDialogTitle>
          <AlertDialogDescription>No user holds it; it is removed for good.</AlertDialogDescription>
        </AlertDialogHeader>
        <DeleteRoleForm role={role} />
      </AlertDialogContent>
    </AlertDialog>
  );
}
