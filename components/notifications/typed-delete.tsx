"use client";

import { Trash2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Delete after typing the item's name: a slip of the mouse cannot remove a channel or a rule. */
export function TypedDelete({
  name,
  what,
  consequence,
  onConfirm,
  disabled,
  testId,
}: {
  name: string;
  what: string;
  consequence: string;
  onConfirm: () => void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          disabled={disabled}
          aria-label={`Delete ${name}`}
          data-testid={testId}
        >
          <Trash2 aria-hidden />
        </Button>
      }
      title={`Delete ${what} “${name}”?`}
      description={consequence}
      typed={{ id: `${testId}-typed`, label: `Type ${name} to confirm`, matches: (typed) => typed === name }}
      confirmLabel="Delete"
      action={async () => void onConfirm()}
    />
  );
}
