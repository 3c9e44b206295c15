"use client";

import { Pencil, Plus } from "lucide-react";
import type * as React from "react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Switch } from "@/components/ui/switch";
import { TypedDelete } from "./typed-delete";

/** Which item's form is open: none, a new one, or an existing one. */
export function useItemEditor<T>() {
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<T | null>(null);
  return { creating, setCreating, editing, setEditing };
}

/** A channel's or rule's form in a dialog; `onOpenChange(false)` when done or dismissed. */
export function ItemDialog({
  open,
  onOpenChange,
  title,
  description,
  testId,
  className,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  testId: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid={testId} className={className}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  );
}

/** A titled section with its "New …" button, then the table or, with no items, an empty state. */
export function ItemSection({
  id,
  title,
  createLabel,
  onCreate,
  createDisabled,
  testId,
  empty,
  dialogs,
  children,
}: {
  /** Prefix of the heading's id and of the test ids (`${testId}-create`, `${testId}s-empty`). */
  id: string;
  title: string;
  createLabel: string;
  onCreate: () => void;
  createDisabled?: boolean;
  testId: string;
  /** Shown instead of the table when there are no items. */
  empty: { icon: React.ReactNode; title: string; hint: string } | null;
  /** The item dialogs, rendered whether or not there are items. */
  dialogs: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section className="flex flex-col gap-3" aria-labelledby={`${id}-heading`}>
      <div className="flex items-center justify-between">
        <h2 id={`${id}-heading`} className="font-semibold text-lg">
          {title}
        </h2>
        <Button size="sm" onClick={onCreate} disabled={createDisabled} data-testid={`${testId}-create`}>
          <Plus aria-hidden /> {createLabel}
        </Button>
      </div>
      {empty ? (
        <div
          className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-10 text-center"
          data-testid={`${testId}s-empty`}
        >
          {empty.icon}
          <p className="font-medium">{empty.title}</p>
          <p className="text-muted-foreground text-sm">{empty.hint}</p>
        </div>
      ) : (
        <div className="rounded-lg border">{children}</div>
      )}
      {dialogs}
    </section>
  );
}

/** The enabled switch of a row; `onChange` runs the action with the new state. */
export function EnabledSwitch({
  name,
  enabled,
  pending,
  testId,
  onChange,
}: {
  name: string;
  enabled: boolean;
  pending: boolean;
  testId: string;
  onChange: (on: boolean) => void;
}) {
  return (
    <Switch
      checked={enabled}
      disabled={pending}
      aria-label={`${name} enabled`}
      data-testid={`${testId}-enabled`}
      onCheckedChange={onChange}
    />
  );
}

/** Edit and typed delete for a row; `before` goes ahead of them (a channel's "Send test"). */
export function RowActions({
  name,
  what,
  consequence,
  pending,
  testId,
  onEdit,
  onDelete,
  before,
}: {
  name: string;
  what: string;
  consequence: string;
  pending: boolean;
  testId: string;
  onEdit: () => void;
  onDelete: () => void;
  before?: React.ReactNode;
}) {
  return (
    <div className="flex justify-end gap-1">
      {before}
      <Button
        variant="ghost"
        size="sm"
        aria-label={`Edit ${name}`}
        onClick={onEdit}
        data-testid={`${testId}-edit`}
      >
        <Pencil aria-hidden />
      </Button>
      <TypedDelete
        name={name}
        what={what}
        consequence={consequence}
        disabled={pending}
        testId={`${testId}-delete`}
        onConfirm={onDelete}
      />
    </div>
  );
}
