"use client";

import { Trash2 } from "lucide-react";

import { deleteHostsAction } from "@/app/(app)/hosts/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deletePhrase } from "@/lib/hosts/labels";

/** Deleting hosts drops their packages and history: the user types the phrase to confirm. */
export function HostDeleteDialog({ hostIds, onDone }: { hostIds: string[]; onDone: () => void }) {
  const phrase = deletePhrase(hostIds.length);
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="destructive" data-testid="bulk-delete">
          <Trash2 />
          Delete
        </Button>
      }
      title={`Delete ${hostIds.length === 1 ? "1 host" : `${hostIds.length} hosts`}?`}
      description="Their packages, reports and queued commands are deleted too, and their agents stop being accepted. This cannot be undone."
      typed={{
        id: "delete-confirmation",
        label: `Type "${phrase}" to confirm`,
        matches: (typed) => typed.trim().toLowerCase() === phrase,
        testId: "delete-confirmation",
      }}
      confirmLabel="Delete"
      pendingLabel="Deleting…"
      action={(confirmation) => deleteHostsAction(null, { hostIds, confirmation })}
      success={(data) => `Deleted ${data.count} host${data.count === 1 ? "" : "s"}.`}
      onSuccess={onDone}
      testId="host-delete-dialog"
      confirmTestId="confirm-delete-hosts"
    />
  );
}
