"use client";

import { KeyRound } from "lucide-react";
import { useRef } from "react";

import { changePasswordAction } from "@/app/(app)/profile/actions";
import { PasswordRules } from "@/components/auth/password-rules";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { useResultToast } from "./use-result-toast";

const FIELDS = [
  {
    id: "currentPassword",
    label: "Current password",
    autoComplete: "current-password",
    testId: "password-current",
  },
  { id: "newPassword", label: "New password", autoComplete: "new-password", testId: "password-new" },
  {
    id: "confirmPassword",
    label: "Confirm new password",
    autoComplete: "new-password",
    testId: "password-confirm",
  },
] as const;

function successMessage({ otherSessionsEnded }: { otherSessionsEnded: number }): string {
  if (otherSessionsEnded === 0) return "Password changed.";
  return `Password changed. ${otherSessionsEnded} other session${otherSessionsEnded === 1 ? " was" : "s were"} signed out.`;
}

export function PasswordForm({ rules }: { rules: string[] }) {
  const [state, onSubmit, pending] = useActionForm(changePasswordAction, null);
  const form = useRef<HTMLFormElement>(null);
  // Fields stay filled when the server refuses them; a changed password is cleared from the page.
  useResultToast(state, successMessage, () => form.current?.reset());
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <form
      ref={form}
      onSubmit={onSubmit}
      className="grid max-w-md gap-4"
      data-testid="password-form"
      noValidate
    >
      {FIELDS.map((field) => (
        <FormField
          key={field.id}
          id={field.id}
          label={field.label}
          errors={errors[field.id]}
          hint={field.id === "newPassword" ? <PasswordRules rules={rules} /> : undefined}
        >
          <Input
            id={field.id}
            name={field.id}
            type="password"
            autoComplete={field.autoComplete}
            required
            data-testid={field.testId}
            {...fieldAria(field.id, errors[field.id], field.id === "newPassword")}
          />
        </FormField>
      ))}
      <p className="text-muted-foreground text-sm">Changing your password signs out your other sessions.</p>
      <div>
        <Button type="submit" disabled={pending} data-testid="password-submit">
          <KeyRound aria-hidden />
          {pending ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
