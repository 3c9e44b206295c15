"use client";

import { useActionState, useState } from "react";

import { deleteUserAction, resetPasswordAction } from "@/app/(app)/users/actions";
import { PasswordRules } from "@/components/auth/password-rules";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { UserRow } from "./types";
import { useFormSubmit } from "./use-form-submit";
import { useRemovalAction } from "./use-removal-action";

type DialogProps = { user: UserRow; open: boolean; onOpenChange: (open: boolean) => void };

function ResetPasswordForm({ user, rules, onDone }: { user: UserRow; rules: string[]; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(resetPasswordAction, null);
  const onSubmit = useFormSubmit(formAction);
  useResultToast(state, `New password set for ${user.username}; their sessions were signed out.`, onDone);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <input type="hidden" name="userId" value={user.id} />
      <FormField
        id="reset-password"
        label="New password"
        errors={errors.password}
        hint={<PasswordRules rules={rules} />}
      >
        <Input
          id="reset-password"
          name="password"
          type="password"
          autoComplete="new-password"
          data-testid="reset-password-input"
          {...fieldAria("reset-password", errors.password, true)}
        />
      </FormField>
      <DialogFooter>
        <Button type="submit" disabled={pending} data-testid="reset-password-submit">
          {pending ? "Setting…" : "Set password"}
        </Button>
      </DialogFooter>
    </form>
  );
}

export function ResetPasswordDialog({ user, open, onOpenChange, rules }: DialogProps & { rules: string[] }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Reset password of {user.username}</DialogTitle>
          <DialogDescription>
            Every session of this user ends; they sign in with the new password.
          </DialogDescription>
        </DialogHeader>
        <ResetPasswordForm user={user} rules={rules} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function DeleteForm({ user }: { user: UserRow }) {
  const { state, pending, onSubmit } = useRemovalAction(deleteUserAction, `Deleted ${user.username}.`);
  const [typed, setTyped] = useState("");
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <input type="hidden" name="userId" value={user.id} />
      <FormField id="delete-confirm" label={`Type ${user.username} to confirm`} errors={errors.confirm}>
        <Input
          id="delete-confirm"
          name="confirm"
          autoComplete="off"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          data-testid="delete-confirm-input"
          {...fieldAria("delete-confirm", errors.confirm)}
        />
      </FormField>
      {state && !state.ok && !state.fieldErrors ? (
        <p className="text-destructive text-sm">{state.error}</p>
      ) : null}
      <DialogFooter>
        <Button
          type="submit"
          variant="destructive"
          disabled={pending || typed.trim().toLowerCase() !== user.username}
          data-testid="delete-confirm-submit"
        >
          {pending ? "Deleting…" : "Delete user"}
        </Button>
      </DialogFooter>
    </form>
  );
}

export function DeleteUserDialog({ user, open, onOpenChange }: DialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete {user.username}?</DialogTitle>
          <DialogDescription>
            The account, its sessions and two-factor data are removed for good. Audit entries stay.
          </DialogDescription>
        </DialogHeader>
        <DeleteForm user={user} />
      </DialogContent>
    </Dialog>
  );
}
