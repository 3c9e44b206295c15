import type { Metadata } from "next";

import { RoleFormDialog } from "@/components/roles/role-dialogs";
import { RolesTable } from "@/components/roles/roles-table";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission, requirePermission } from "@/lib/auth/guard";
import { PERMISSION_LABELS, PERMISSIONS } from "@/lib/permissions";
import { listHostGroupChoices } from "@/lib/roles/host-groups";
import { listRoles } from "@/lib/roles/service";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  // Roles decide what users may do, so they are managed by user administrators.
  const actor = await requirePermission("can_manage_users");
  const [roles, hostGroups] = await Promise.all([listRoles(actor), listHostGroupChoices(actor)]);
  const permissions = PERMISSIONS.map((value) => ({
    value,
    label: PERMISSION_LABELS[value],
    grantable: actor.permissions.has(value),
  }));

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader
        title="Roles"
        description="What each role may see and do. Built-in roles are fixed; custom roles can be limited to host groups."
        actions={<RoleFormDialog permissions={permissions} hostGroups={hostGroups} />}
      />
      <RolesTable
        roles={roles}
        permissions={permissions}
        hostGroups={hostGroups}
        canEditSuperuserRoles={hasPermission(actor, "can_manage_superusers")}
      />
    </div>
  );
}
