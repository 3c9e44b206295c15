"use client";

import { Save } from "lucide-react";
import { useTheme } from "next-themes";
import { useActionState, useState } from "react";

import { updateProfileAction } from "@/app/(app)/profile/actions";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useResultToast } from "./use-result-toast";

type Theme = "light" | "dark" | "system";

export type AccountValues = {
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  themePreference: Theme;
};

const THEMES: { value: Theme; label: string }[] = [
  { value: "system", label: "Same as this device" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

export function AccountForm({ initial }: { initial: AccountValues }) {
  const [state, formAction, pending] = useActionState(updateProfileAction, null);
  // Controlled fields: React resets a form after its action runs, which would drop a rejected email.
  const [values, setValues] = useState(initial);
  const { setTheme } = useTheme();
  useResultToast(state, "Profile saved.", (data) => setTheme(data.themePreference));
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const set = (field: keyof AccountValues) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  return (
    <form action={formAction} className="grid max-w-xl gap-4" data-testid="account-form" noValidate>
      <FormField id="username" label="Username" hint="Ask an administrator to change your username.">
        <Input
          id="username"
          value={initial.username}
          disabled
          readOnly
          {...fieldAria("username", undefined, true)}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="firstName" label="First name" errors={errors.firstName}>
          <Input
            id="firstName"
            name="firstName"
            autoComplete="given-name"
            value={values.firstName}
            onChange={set("firstName")}
            data-testid="account-first-name"
            {...fieldAria("firstName", errors.firstName)}
          />
        </FormField>
        <FormField id="lastName" label="Last name" errors={errors.lastName}>
          <Input
            id="lastName"
            name="lastName"
            autoComplete="family-name"
            value={values.lastName}
            onChange={set("lastName")}
            data-testid="account-last-name"
            {...fieldAria("lastName", errors.lastName)}
          />
        </FormField>
      </div>
      <FormField id="email" label="Email" errors={errors.email}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={values.email}
          onChange={set("email")}
          data-testid="account-email"
          {...fieldAria("email", errors.email)}
        />
      </FormField>
      <FormField id="themePreference" label="Theme" errors={errors.themePreference}>
        <Select
          name="themePreference"
          value={values.themePreference}
          onValueChange={(value) => setValues((current) => ({ ...current, themePreference: value as Theme }))}
        >
          <SelectTrigger id="themePreference" className="w-56" data-testid="account-theme">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {THEMES.map((theme) => (
              <SelectItem key={theme.value} value={theme.value} data-testid={`account-theme-${theme.value}`}>
                {theme.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </FormField>
      <div>
        <Button type="submit" disabled={pending} data-testid="account-save">
          <Save aria-hidden />
          {pending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
