"use client";

import { TriangleAlert } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyBlock } from "@/components/ui/copy-block";
import { AddHostWaiting } from "./add-host-waiting";

export type CreatedHost = {
  hostId: string;
  friendlyName: string;
  apiId: string;
  apiKey: string;
  installCommand: string;
  forceInstallCommand: string;
  expiresAt: string;
};

/** What the new host needs, shown once: the page cannot show the key again after it is left. */
export function AddHostCredentials({
  created,
  ignoreSslSelfSigned,
}: {
  created: CreatedHost;
  ignoreSslSelfSigned: boolean;
}) {
  return (
    <div className="grid max-w-3xl gap-6" data-testid="add-host-result">
      <Card>
        <CardHeader>
          <CardTitle>Install the agent on {created.friendlyName}</CardTitle>
          <CardDescription>
            Run this as root on the host. The command carries a one-time token valid until{" "}
            {new Date(created.expiresAt).toLocaleString()}.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <CopyBlock value={created.installCommand} label="install command" testId="install-command" />
          <div className="grid gap-2">
            <p className="text-muted-foreground text-sm">
              Reinstalling over an existing agent? Use the force variant (the token can be used only once):
            </p>
            <CopyBlock
              value={created.forceInstallCommand}
              label="force install command"
              testId="force-install-command"
            />
          </div>
          {ignoreSslSelfSigned ? (
            <p className="text-muted-foreground text-xs" data-testid="install-insecure-note">
              These commands use <code>curl -k</code> because the settings accept self-signed certificates.
            </p>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>API credentials</CardTitle>
          <CardDescription>
            For configuring an agent by hand instead of with the command above.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <Alert variant="destructive">
            <TriangleAlert />
            <AlertTitle>Shown only once</AlertTitle>
            <AlertDescription>
              The API key is stored only as a hash. Copy it now; if it is lost, regenerate the host's
              credentials.
            </AlertDescription>
          </Alert>
          <div className="grid gap-1">
            <span className="font-medium text-sm">API ID</span>
            <CopyBlock value={created.apiId} label="API ID" testId="host-api-id" />
          </div>
          <div className="grid gap-1">
            <span className="font-medium text-sm">API key</span>
            <CopyBlock value={created.apiKey} label="API key" testId="host-api-key" />
          </div>
        </CardContent>
      </Card>
      <AddHostWaiting hostId={created.hostId} />
    </div>
  );
}
