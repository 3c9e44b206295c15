import type { Metadata } from "next";

import { EnrolmentCreate } from "@/components/settings/enrolment-create";
import { EnrolmentTable } from "@/components/settings/enrolment-table";
import { SettingsPage } from "@/components/settings/settings-page";
import { requirePermission } from "@/lib/auth/guard";
import { listEnrolmentGroupChoicesFor, listEnrolmentTokensFor } from "@/lib/settings/enrolment";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Auto-enrolment" };

export default async function EnrolmentSettingsPage() {
  const actor = await requirePermission("can_manage_settings");
  const [tokens, groups] = await Promise.all([
    listEnrolmentTokensFor(actor),
    listEnrolmentGroupChoicesFor(actor),
  ]);
  return (
    <SettingsPage
      title="Auto-enrolment"
      description="Tokens that let a script enrol hosts by itself: every LXC container of a Proxmox node, or the host it runs on."
    >
      <div className="flex justify-end">
        <EnrolmentCreate groups={groups} />
      </div>
      <EnrolmentTable tokens={tokens} />
    </SettingsPage>
  );
}
