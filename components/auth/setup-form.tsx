"use client";

import { UserPlus } from "lucide-react";
import type * as React from "react";

import type { SetupState } from "@/app/(auth)/setup/actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";

type Action = (state: SetupState, formData: FormData) => Promise<SetupState>;

const FIELDS = [
  { id: "username", label: "Username", autoComplete: "username", type: "text" },
  { id: "email", label: "Email", autoComplete: "email", type: "email" },
  { id: "firstName", label: "First name (optional)", autoComplete: "given-name", type: "text" },
  { id: "lastName", label: "Last name (optional)", autoComplete: "family-name", type: "text" },
] as const;

export function SetupForm({ action, rules }: { action: Action; rules: React.ReactNode }) {
  const [state, onSubmit, pending] = useActionForm(action, null);
  const errors = state?.fieldErrors ?? {};

  if (state?.done) {
    return (
      <Alert data-testid="setup-error">
        <AlertDescription>
          {state.error}{" "}
          <a href="/login" className="underline">
            Sign in
          </a>
        </AlertDescription>
      </Alert>
    );
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="setup-form" noValidate>
      {state?.error ? (
        <Alert variant="destructive" data-testid="setup-error">
          <AlertDescription>{state.error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((field) => (
          <FormField
            key={field.id}
            id={field.id}
            label={field.label}
            errors={errors[field.id]}
            className={field.id === "username" || field.id === "email" ? "sm:col-span-2" : undefined}
          >
            <Input
              id={field.id}
              name={field.id}
              type={field.type}
              autoComplete={field.autoComplete}
              autoFocus={field.id === "username"}
              required={field.id === "username" || field.id === "email"}
              data-testid={`setup-${field.id}`}
              {...fieldAria(field.id, errors[field.id])}
            />
          </FormField>
        ))}
      </div>
      <FormField id="password" label="Password" errors={errors.password} hint={rules}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          data-testid="setup-password"
          {...fieldAria("password", errors.password, true)}
        />
      </FormField>
      <FormField id="confirmPassword" label="Confirm password" errors={errors.confirmPassword}>
        <Input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          data-testid="setup-confirm-password"
          {...fieldAria("confirmPassword", errors.confirmPassword)}
        />
      </FormField>
      <Button type="submit" disabled={pending} data-testid="setup-submit">
        <UserPlus aria-hidden />
        {pending ? "Creating…" : "Create administrator"}
      </Button>
    </form>
  );
}
