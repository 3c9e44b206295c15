"use client";

import { LogIn } from "lucide-react";
import { useEffect, useRef } from "react";

import type { LoginState } from "@/app/(auth)/login/actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";

type Action = (state: LoginState, formData: FormData) => Promise<LoginState>;

export function LoginForm({ action, callbackUrl }: { action: Action; callbackUrl?: string }) {
  const [state, onSubmit, pending] = useActionForm(action, null);
  const errors = state?.fieldErrors ?? {};
  const password = useRef<HTMLInputElement>(null);
  // A refused password is cleared (the name stays); focus goes back to it for the next try.
  useEffect(() => {
    if (state?.error && password.current) {
      password.current.value = "";
      password.current.focus();
    }
  }, [state]);

  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="login-form" noValidate>
      {state?.error ? (
        <Alert variant="destructive" data-testid="login-error">
          <AlertDescription>{state.error}</AlertDescription>
        </Alert>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <FormField id="login" label="Username or email" errors={errors.login}>
        <Input
          id="login"
          name="login"
          autoComplete="username"
          autoFocus
          required
          data-testid="login-name"
          {...fieldAria("login", errors.login)}
        />
      </FormField>
      <FormField id="password" label="Password" errors={errors.password}>
        <Input
          id="password"
          name="password"
          type="password"
          ref={password}
          autoComplete="current-password"
          required
          data-testid="login-password"
          {...fieldAria("password", errors.password)}
        />
      </FormField>
      <Button type="submit" disabled={pending} data-testid="login-submit">
        <LogIn aria-hidden />
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
