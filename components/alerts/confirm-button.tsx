"use client";

import type * as React from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** A button that asks first; `onConfirm` runs only after "yes". */
export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  onConfirm,
  disabled,
  destructive = false,
  variant = "outline",
  testId,
}: {
  children: React.ReactNode;
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  destructive?: boolean;
  variant?: "outline" | "default" | "secondary" | "destructive" | "ghost";
  testId: string;
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant={variant} size="sm" disabled={disabled} data-testid={testId}>
          {children}
        </Button>
      }
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      variant={destructive ? "destructive" : "default"}
      action={async () => void onConfirm()}
    />
  );
}
