"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";

import { deleteHostAction } from "@/app/(app)/hosts/[id]/actions";
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
import { useActionForm } from "@/components/ui/use-action-form";

/** Deletes the host after its name is typed; the server checks the name too, then redirects. */
export function HostDetailDelete({ hostId, friendlyName }: { hostId: string; friendlyName: string }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [state, onSubmit, pending] = useActionForm(deleteHostAction, null);
  // Success redirects to /hosts; only failures come back here.
  useResultToast(state, "Host deleted.");
  const errors = state && !state.ok ? state.fieldErrors?.confirmation : undefined;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="destructive" data-testid="host-delete">
          <Trash2 aria-hidden /> Delete host
        </Button>
      </DialogTrigger>
      <DialogContent data-testid="host-delete-dialog">
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>Delete {friendlyName}?</DialogTitle>
            <DialogDescription>
              Its packages, repositories, report history and queued commands are deleted with it, and its
              agent can no longer report. This cannot be undone.
            </DialogDescription>
          </DialogHeader>
          <input type="hidden" name="hostId" value={hostId} />
          <FormField id="host-delete-confirmation" label={`Type ${friendlyName} to confirm`} errors={errors}>
            <Input
              id="host-delete-confirmation"
              name="confirmation"
              autoComplete="off"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              data-testid="host-delete-confirmation"
              {...fieldAria("host-delete-confirmation", errors)}
            />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant="destructive"
              disabled={pending || typed.trim() !== friendlyName}
              data-testid="host-delete-confirm"
            >
              {pending ? "Deleting…" : "Delete host"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
