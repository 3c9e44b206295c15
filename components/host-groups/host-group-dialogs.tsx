"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";

import { deleteHostGroupAction } from "@/app/(app)/host-groups/actions";
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
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useRemovalAction } from "@/components/users/use-removal-action";
import { HostGroupForm } from "./host-group-form";
import type { HostGroupView } from "./types";

/** "New group" or "Edit" (with `group`): the group form in a dialog. */
export function HostGroupFormDialog({ group }: { group?: HostGroupView }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {group ? (
          <Button variant="outline" size="sm" data-testid={`group-edit-${group.name}`}>
            Edit
          </Button>
        ) : (
          <Button data-testid="group-create">
            <Plus aria-hidden />
            New group
          </Button>
        )}
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{group ? `Edit host group ${group.name}` : "New host group"}</DialogTitle>
          <DialogDescription>Groups organise hosts and limit what scoped users can see.</DialogDescription>
        </DialogHeader>
        <HostGroupForm group={group} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

/** Delete after typing the group's name; the hosts stay, without this group. */
export function DeleteHostGroupButton({ group }: { group: HostGroupView }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const { pending, onSubmit } = useRemovalAction(deleteHostGroupAction, `Deleted host group ${group.name}.`);
  const hosts = group.hostCount === 1 ? "1 host" : `${group.hostCount} hosts`;
  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setTyped("");
      }}
    >
      <AlertDialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Delete ${group.name}`}
          data-testid={`group-delete-${group.name}`}
        >
          <Trash2 aria-hidden />
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent data-testid="confirm-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle>Delete host group “{group.name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            {group.hostCount > 0
              ? `Its ${hosts} stay and lose only this group; hosts in no other group become ungrouped.`
              : "No hosts are in this group."}{" "}
            Users scoped to this group lose access to its hosts.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <form
          onSubmit={(event) => {
            onSubmit(event);
            setOpen(false);
          }}
          className="grid gap-4"
        >
          <input type="hidden" name="groupId" value={group.id} />
          <div className="grid gap-2">
            <Label htmlFor={`delete-${group.id}`}>Type {group.name} to confirm</Label>
            <Input
              id={`delete-${group.id}`}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              data-testid="confirm-typed"
            />
          </div>
          <AlertDialogFooter>
            <AlertDialogCancel type="button">Cancel</AlertDialogCancel>
            <Button
              type="submit"
              variant="destructive"
              disabled={pending || typed !== group.name}
              data-testid="confirm-action"
            >
              {pending ? "Deleting…" : "Delete group"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
