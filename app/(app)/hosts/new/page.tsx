import type { Metadata } from "next";
import { AddHostFlow } from "@/components/hosts/add-host-flow";
import { PageHeader } from "@/components/shell/page-header";
import { getSettings } from "@/db/queries/settings";
import { requirePermission } from "@/lib/auth/guard";
import { hostGroupChoicesFor } from "@/lib/hosts/list-options";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Add host" };

export default async function NewHostPage() {
  const actor = await requirePermission("can_manage_hosts");
  const [groups, settings] = await Promise.all([hostGroupChoicesFor(actor), getSettings()]);
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader title="Add host" description="Register a machine, then install the agent on it." />
      <AddHostFlow
        groups={groups}
        mustChooseGroup={actor.hostGroupScope !== null}
        ignoreSslSelfSigned={settings.ignoreSslSelfSigned}
      />
    </div>
  );
}
