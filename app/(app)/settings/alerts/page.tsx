import type { Metadata } from "next";

import { AlertSettingRow } from "@/components/alerts/alert-setting-row";
import { PageHeader } from "@/components/shell/page-header";
import { getAlertSettingsFor } from "@/lib/alerts/access";
import { ALERT_KINDS, ALERT_TYPE_LABELS } from "@/lib/alerts/types";
import { requirePermission } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Alert settings" };

export default async function AlertSettingsPage() {
  const actor = await requirePermission("can_manage_settings");
  const settings = await getAlertSettingsFor(actor);
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <PageHeader
        title="Alert settings"
        description="Which alerts are raised, how severe they are, and after how long."
      />
      <div className="flex flex-col gap-3" data-testid="alert-settings">
        {ALERT_KINDS.map((kind) => (
          <AlertSettingRow key={kind} type={kind} label={ALERT_TYPE_LABELS[kind]} settings={settings[kind]} />
        ))}
      </div>
    </div>
  );
}
