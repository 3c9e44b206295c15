import type { Metadata } from "next";

import { AgentForm } from "@/components/settings/agent-form";
import { SettingsPage } from "@/components/settings/settings-page";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/guard";
import { UPDATE_INTERVALS } from "@/lib/settings/schemas";
import { getSettingsFor } from "@/lib/settings/service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Agent settings" };

export default async function AgentSettingsPage() {
  const actor = await requirePermission("can_manage_settings");
  const settings = await getSettingsFor(actor);
  return (
    <SettingsPage title="Agents" description="Settings every agent follows.">
      <Card>
        <CardHeader>
          <CardTitle>Reporting</CardTitle>
        </CardHeader>
        <CardContent>
          <AgentForm
            intervals={UPDATE_INTERVALS}
            initial={{
              updateInterval: settings.updateInterval,
              autoUpdate: settings.autoUpdate,
              ignoreSslSelfSigned: settings.ignoreSslSelfSigned,
            }}
          />
        </CardContent>
      </Card>
    </SettingsPage>
  );
}
