"use client";

import { createRoleAction, updateRoleAction } from "@/app/(app)/roles/actions";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { NameDescriptionFields, RecordFormFooter, useRecordForm } from "@/components/ui/record-form";
import { HostGroupPicker } from "@/components/users/host-group-picker";
import type { HostGroupOption } from "@/components/users/types";
import type { PermissionOption, RoleRow } from "./types";

type Props = {
  role?: RoleRow;
  permissions: PermissionOption[];
  hostGroups: HostGroupOption[];
  onDone: () => void;
};

export function RoleForm({ role, permissions, hostGroups, onDone }: Props) {
  const { onSubmit, pending, errors, formError } = useRecordForm(
    role ? updateRoleAction : createRoleAction,
    (data) => (role ? `Saved role ${data.name}.` : `Created role ${data.name}.`),
    onDone,
  );

  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="role-form" noValidate>
      {role ? <input type="hidden" name="roleId" value={role.id} /> : null}
      <NameDescriptionFields prefix="role" record={role} errors={errors} />
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
      <RecordFormFooter
        formError={formError}
        pending={pending}
        label={role ? "Save role" : "Create role"}
        testId="role-submit"
      />
    </form>
  );
}
