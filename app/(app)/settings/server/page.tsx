import type { Metadata } from "next";

import { ServerForm } from "@/components/settings/server-form";
import { SettingsPage } from "@/components/settings/settings-page";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/guard";
import { getSettingsFor } from "@/lib/settings/service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Server URL" };

export default async function ServerSettingsPage() {
  const actor = await requirePermission("can_manage_settings");
  const settings = await getSettingsFor(actor);
  return (
    <SettingsPage
      title="Server URL"
      description="The address agents report to; install and enrolment commands carry it."
    >
      <Card>
        <CardHeader>
          <CardTitle>Address agents reach</CardTitle>
          <CardDescription>
            Currently{" "}
            <code className="font-mono" data-testid="server-url-current">
              {settings.serverUrl}
            </code>
            . Use the name hosts can resolve, not the one your browser happens to use. Installed agents keep
            the URL they were installed with.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ServerForm
            initial={{
              serverProtocol: settings.serverProtocol,
              serverHost: settings.serverHost,
              serverPort: settings.serverPort,
            }}
          />
        </CardContent>
      </Card>
    </SettingsPage>
  );
}
