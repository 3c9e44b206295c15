"use client";

import { Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { deleteHostsAction } from "@/app/(app)/hosts/actions";
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
import { deletePhrase } from "@/lib/hosts/labels";

/** Deleting hosts drops their packages and history: the user types the phrase to confirm. */
export function HostDeleteDialog({ hostIds, onDone }: { hostIds: string[]; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [errors, setErrors] = useState<string[] | undefined>();
  const [pending, startTransition] = useTransition();
  const phrase = deletePhrase(hostIds.length);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await deleteHostsAction(null, { hostIds, confirmation: typed });
      if (result.ok) {
        toast.success(`Deleted ${result.data.count} host${result.data.count === 1 ? "" : "s"}.`);
        setOpen(false);
        onDone();
      } else {
        setErrors(result.fieldErrors?.confirmation ?? [result.error]);
      }
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setTyped("");
        setErrors(undefined);
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="destructive" data-testid="bulk-delete">
          <Trash2 />
          Delete
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Delete {hostIds.length === 1 ? "1 host" : `${hostIds.length} hosts`}?</DialogTitle>
            <DialogDescription>
              Their packages, reports and queued commands are deleted too, and their agents stop being
              accepted. This cannot be undone.
            </DialogDescription>
          </DialogHeader>
          <FormField id="delete-confirmation" label={`Type "${phrase}" to confirm`} errors={errors}>
            <Input
              id="delete-confirmation"
              value={typed}
              autoComplete="off"
              onChange={(event) => setTyped(event.target.value)}
              data-testid="delete-confirmation"
              {...fieldAria("delete-confirmation", errors)}
            />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant="destructive"
              disabled={pending || typed.trim().toLowerCase() !== phrase}
              data-testid="confirm-delete-hosts"
            >
              {pending ? "Deleting…" : "Delete"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
