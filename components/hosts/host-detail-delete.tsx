"use client";

import { Trash2 } from "lucide-react";

import { deleteHostAction } from "@/app/(app)/hosts/[id]/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Deletes the host after its name is typed; the server checks the name too, then redirects. */
export function HostDetailDelete({ hostId, friendlyName }: { hostId: string; friendlyName: string }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="destructive" data-testid="host-delete">
          <Trash2 aria-hidden /> Delete host
        </Button>
      }
      title={`Delete ${friendlyName}?`}
      description="Its packages, repositories, report history and queued commands are deleted with it, and its agent can no longer report. This cannot be undone."
      typed={{
        id: "host-delete-confirmation",
        label: `Type ${friendlyName} to confirm`,
        matches: (typed) => typed.trim() === friendlyName,
        testId: "host-delete-confirmation",
      }}
      confirmLabel="Delete host"
      pendingLabel="Deleting…"
      // Success redirects to /hosts; only failures come back here.
      action={(confirmation) => deleteHostAction(null, { hostId, confirmation })}
      testId="host-delete-dialog"
      confirmTestId="host-delete-confirm"
    />
  );
}
