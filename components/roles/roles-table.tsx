import { Check, Lock, Minus } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { HostGroupOption } from "@/components/users/types";
import { DeleteRoleButton, RoleFormDialog } from "./role-dialogs";
import type { PermissionOption, RoleRow } from "./types";

/** The permission matrix: one row per role, one column per permission. Built-ins are read-only. */
export function RolesTable({
  roles,
  permissions,
  hostGroups,
  canEditSuperuserRoles,
}: {
  roles: RoleRow[];
  permissions: PermissionOption[];
  hostGroups: HostGroupOption[];
  canEditSuperuserRoles: boolean;
}) {
  return (
    <div className="rounded-lg border">
      <Table data-testid="roles-table">
        <TableHeader>
          <TableRow>
            <TableHead>Role</TableHead>
            <TableHead className="text-right">Users</TableHead>
            {permissions.map((permission) => (
              <TableHead key={permission.value} className="text-center text-xs">
                <span className="inline-block max-w-20 whitespace-normal leading-tight">
                  {permission.label}
                </span>
              </TableHead>
            ))}
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {roles.map((role) => {
            const superuserRole = role.permissions.includes("can_manage_superusers");
            const editable = !role.isBuiltin && (canEditSuperuserRoles || !superuserRole);
            return (
              <TableRow key={role.id} data-testid={`role-row-${role.name}`}>
                <TableCell className="min-w-48 whitespace-normal">
                  <div className="flex items-center gap-2 font-medium">
                    {role.name}
                    {role.isBuiltin ? (
                      <Badge variant="outline">
                        <Lock aria-hidden /> Built-in
                      </Badge>
                    ) : null}
                    {role.hostGroupIds.length > 0 ? <Badge variant="secondary">Scoped</Badge> : null}
                  </div>
                  {role.description ? (
                    <div className="text-muted-foreground text-xs">{role.description}</div>
                  ) : null}
                </TableCell>
                <TableCell className="text-right tabular-nums">{role.userCount}</TableCell>
                {permissions.map((permission) => (
                  <TableCell key={permission.value} className="text-center">
                    {role.permissions.includes(permission.value) ? (
                      <Check className="mx-auto size-4 text-primary" aria-label="Granted" />
                    ) : (
                      <Minus className="mx-auto size-4 text-muted-foreground/50" aria-label="Not granted" />
                    )}
                  </TableCell>
                ))}
                <TableCell>
                  {editable ? (
                    <div className="flex justify-end gap-1">
                      <RoleFormDialog role={role} permissions={permissions} hostGroups={hostGroups} />
                      <DeleteRoleButton role={role} />
                    </div>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
