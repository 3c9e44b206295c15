"use client";

import { KeyRound } from "lucide-react";

import type { LoginState } from "@/app/(auth)/login/actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useActionForm } from "@/components/ui/use-action-form";

type Action = (state: LoginState, formData: FormData) => Promise<LoginState>;

export function TfaForm({
  action,
  callbackUrl,
  rememberDays,
}: {
  action: Action;
  callbackUrl?: string;
  rememberDays: number;
}) {
  const [state, onSubmit, pending] = useActionForm(action, null);
  const errors = state?.fieldErrors ?? {};

  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="tfa-form" noValidate>
      {state?.error ? (
        <Alert variant="destructive" data-testid="tfa-error">
          <AlertDescription>{state.error}</AlertDescription>
        </Alert>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <FormField
        id="code"
        label="Verification code"
        errors={errors.code}
        hint="The 6-digit code from your authenticator app, or one of your backup codes."
      >
        <Input
          id="code"
          name="code"
          autoComplete="one-time-code"
          autoFocus
          required
          maxLength={32}
          data-testid="tfa-code"
          {...fieldAria("code", errors.code, true)}
        />
      </FormField>
      <div className="flex items-center gap-2">
        <Checkbox id="remember" name="remember" data-testid="tfa-remember" />
        <Label htmlFor="remember" className="font-normal">
          Remember this device for {rememberDays} days
        </Label>
      </div>
      <Button type="submit" disabled={pending} data-testid="tfa-submit">
        <KeyRound aria-hidden />
        {pending ? "Verifying…" : "Verify"}
      </Button>
    </form>
  );
}
