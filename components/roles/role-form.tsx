"use client";

import { useActionState } from "react";

import { createRoleAction, updateRoleAction } from "@/app/(app)/roles/actions";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DialogFooter } from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { HostGroupPicker } from "@/components/users/host-group-picker";
import type { HostGroupOption } from "@/components/users/types";
import { useFormSubmit } from "@/components/users/use-form-submit";
import type { PermissionOption, RoleRow } from "./types";

type Props = {
  role?: RoleRow;
  permissions: PermissionOption[];
  hostGroups: HostGroupOption[];
  onDone: () => void;
};

export function RoleForm({ role, permissions, hostGroups, onDone }: Props) {
  const [state, formAction, pending] = useActionState(role ? updateRoleAction : createRoleAction, null);
  const onSubmit = useFormSubmit(formAction);
  useResultToast(state, (data) => (role ? `Saved role ${data.name}.` : `Created role ${data.name}.`), onDone);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="role-form" noValidate>
      {role ? <input type="hidden" name="roleId" value={role.id} /> : null}
      <FormField id="role-name" label="Name" errors={errors.name}>
        <Input
          id="role-name"
          name="name"
          defaultValue={role?.name ?? ""}
          data-testid="role-name"
          {...fieldAria("role-name", errors.name)}
        />
      </FormField>
      <FormField id="role-description" label="Description" errors={errors.description}>
        <Textarea
          id="role-description"
          name="description"
          defaultValue={role?.description ?? ""}
          rows={2}
          data-testid="role-description"
          {...fieldAria("role-description", errors.description)}
        />
      </FormField>
      <fieldset className="grid gap-2">
        <legend className="mb-1 font-medium text-sm">Permissions</legend>
        <div className="grid gap-2 rounded-md border p-3 sm:grid-cols-2">
          {permissions.map((permission) => (
            <div key={permission.value} className="flex items-center gap-2">
              <Checkbox
                id={`perm-${permission.value}`}
                name="permissions"
                value={permission.value}
                defaultChecked={role?.permissions.includes(permission.value) ?? false}
                disabled={!permission.grantable}
                data-testid={`role-permission-${permission.value}`}
              />
              <Label htmlFor={`perm-${permission.value}`} className="font-normal">
                {permission.label}
              </Label>
            </div>
          ))}
        </div>
        <p className="text-muted-foreground text-xs">You can grant only permissions you hold yourself.</p>
        {errors.permissions?.length ? (
          <p className="text-destructive text-sm">{errors.permissions.join(" ")}</p>
        ) : null}
      </fieldset>
      <HostGroupPicker groups={hostGroups} selected={role?.hostGroupIds ?? []} errors={errors.hostGroupIds} />
      {state && !state.ok && !state.fieldErrors ? (
        <p className="text-destructive text-sm">{state.error}</p>
      ) : null}
      <DialogFooter>
        <Button type="submit" disabled={pending} data-testid="role-submit">
          {pending ? "Saving…" : role ? "Save role" : "Create role"}
        </Button>
      </DialogFooter>
    </form>
  );
}
