import type { Metadata } from "next";

import { HostGroupFormDialog } from "@/components/host-groups/host-group-dialogs";
import { HostGroupsTable } from "@/components/host-groups/host-groups-table";
import type { HostGroupView } from "@/components/host-groups/types";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { hasPermission, requirePermission } from "@/lib/auth/guard";
import { canCreateHostGroups, listHostGroupsFor } from "@/lib/host-groups/service";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Host groups" };

export default async function HostGroupsPage() {
  const actor = await requirePermission("can_view_hosts");
  const canManage = hasPermission(actor, "can_manage_hosts");
  const canCreate = canCreateHostGroups(actor);
  const groups: HostGroupView[] = (await listHostGroupsFor(actor)).map((group) => ({
    id: group.id,
    name: group.name,
    description: group.description,
    color: group.color,
    hostCount: group.hostCount,
  }));

  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <PageHeader
        title="Host groups"
        description="Organise hosts into groups; a host may be in several. Deleting a group keeps its hosts."
        actions={canCreate ? <HostGroupFormDialog /> : null}
      />
      {canManage && !canCreate ? (
        <Alert data-testid="groups-scoped-note">
          <AlertDescription>
            Your access is limited to some host groups, so you can edit those but not create new ones. Ask an
            administrator for a new group.
          </AlertDescription>
        </Alert>
      ) : null}
      {groups.length === 0 ? (
        <div className="rounded-md border border-dashed p-10 text-center text-sm" data-testid="groups-empty">
          <p className="font-medium">No host groups yet.</p>
          <p className="text-muted-foreground">
            {canCreate
              ? "Create one with “New group”, then assign hosts to it from the Hosts page."
              : "Groups you can see will appear here."}
          </p>
        </div>
      ) : (
        <HostGroupsTable groups={groups} canManage={canManage} />
      )}
    </div>
  );
}
