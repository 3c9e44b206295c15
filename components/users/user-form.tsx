"use client";

import { useActionState } from "react";

import { createUserAction, updateUserAction } from "@/app/(app)/users/actions";
import { PasswordRules } from "@/components/auth/password-rules";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { HostGroupPicker } from "./host-group-picker";
import type { HostGroupOption, RoleOption, UserRow } from "./types";
import { useFormSubmit } from "./use-form-submit";

type Props = {
  user?: UserRow;
  roles: RoleOption[];
  hostGroups: HostGroupOption[];
  passwordRules: string[];
  /** Editing oneself: the role stays as it is. */
  isSelf?: boolean;
  onDone: () => void;
};

/** Create (no `user`) or edit form; lives inside a dialog and closes it on success. */
export function UserForm({ user, roles, hostGroups, passwordRules, isSelf = false, onDone }: Props) {
  const [state, formAction, pending] = useActionState(user ? updateUserAction : createUserAction, null);
  const onSubmit = useFormSubmit(formAction);
  useResultToast(state, (data) => (user ? `Saved ${data.username}.` : `Created ${data.username}.`), onDone);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const text = (id: string, label: string, value: string | null | undefined, type = "text") => (
    <FormField id={`user-${id}`} label={label} errors={errors[id]}>
      <Input
        id={`user-${id}`}
        name={id}
        type={type}
        defaultValue={value ?? ""}
        data-testid={`user-${id}`}
        {...fieldAria(`user-${id}`, errors[id])}
      />
    </FormField>
  );

  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="user-form" noValidate>
      {user ? <input type="hidden" name="userId" value={user.id} /> : text("username", "Username", "")}
      {text("email", "Email", user?.email, "email")}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("firstName", "First name", user?.firstName)}
        {text("lastName", "Last name", user?.lastName)}
      </div>
      <FormField id="user-roleId" label="Role" errors={errors.roleId}>
        <Select
          name="roleId"
          defaultValue={user?.roleId ?? roles.find((r) => r.name === "user")?.id}
          disabled={isSelf}
        >
          <SelectTrigger id="user-roleId" className="w-full" data-testid="user-role">
            <SelectValue placeholder="Choose a role" />
          </SelectTrigger>
          <SelectContent>
            {roles.map((role) => (
              <SelectItem key={role.id} value={role.id} data-testid={`user-role-${role.name}`}>
                {role.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </FormField>
      {isSelf ? <p className="text-muted-foreground text-xs">You cannot change your own role.</p> : null}
      {user ? null : (
        <FormField
          id="user-password"
          label="Initial password"
          errors={errors.password}
          hint={<PasswordRules rules={passwordRules} />}
        >
          <Input
            id="user-password"
            name="password"
            type="password"
            autoComplete="new-password"
            data-testid="user-password"
            {...fieldAria("user-password", errors.password, true)}
          />
        </FormField>
      )}
      <HostGroupPicker groups={hostGroups} selected={user?.hostGroupIds ?? []} errors={errors.hostGroupIds} />
      {state && !state.ok && !state.fieldErrors ? (
        <p className="text-destructive text-sm">{state.error}</p>
      ) : null}
      <DialogFooter>
        <Button type="submit" disabled={pending} data-testid="user-submit">
          {pending ? "Saving…" : user ? "Save" : "Create user"}
        </Button>
      </DialogFooter>
    </form>
  );
}
