"use client";

import { KeyRound, TerminalSquare, TriangleAlert } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";

import { issueInstallCommandAction, regenerateCredentialsAction } from "@/app/(app)/hosts/[id]/actions";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyBlock } from "@/components/ui/copy-block";

type Issued = { apiId: string; apiKey: string; installCommand: string };

/**
 * Install command and credential regeneration. Whatever the server hands out is held only in this
 * component's state: shown once, gone on reload, never stored in the page.
 */
export function HostDetailCredentials({ hostId, friendlyName }: { hostId: string; friendlyName: string }) {
  const [pending, startTransition] = useTransition();
  const [command, setCommand] = useState<string | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);

  const showInstall = () =>
    startTransition(async () => {
      const result = await issueInstallCommandAction(null, { hostId });
      if (result.ok) setCommand(result.data.command);
      else toast.error(result.error);
    });

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={showInstall} disabled={pending} data-testid="host-show-install">
          <TerminalSquare aria-hidden /> Show install command
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="outline" disabled={pending} data-testid="host-regenerate">
              <KeyRound aria-hidden /> Regenerate credentials
            </Button>
          }
          title={`Regenerate credentials for ${friendlyName}?`}
          description="The current API key stops working at once: the agent on this host cannot report until it is reinstalled with the new credentials (or the new key is put in its configuration)."
          confirmLabel="Regenerate"
          action={() => regenerateCredentialsAction(null, { hostId })}
          success="New credentials issued; the old key no longer works."
          onSuccess={(data) => {
            setIssued(data);
            setCommand(data.installCommand);
          }}
          testId="host-regenerate-dialog"
          confirmTestId="host-regenerate-confirm"
        />
      </div>
      {issued ? (
        <Alert data-testid="host-new-credentials">
          <TriangleAlert aria-hidden />
          <AlertTitle>Copy the new API key now</AlertTitle>
          <AlertDescription className="grid w-full gap-2">
            <span>It is shown only once and stored only as a hash.</span>
            <span className="font-medium text-foreground">API ID</span>
            <CopyBlock value={issued.apiId} label="API ID" testId="host-new-api-id" />
            <span className="font-medium text-foreground">API key</span>
            <CopyBlock value={issued.apiKey} label="API key" testId="host-new-api-key" />
          </AlertDescription>
        </Alert>
      ) : null}
      {command ? (
        <div className="grid gap-2">
          <p className="text-muted-foreground text-sm">
            Run as root on the host. The command carries a one-time token that expires soon, never the API
            key.
          </p>
          <CopyBlock value={command} label="install command" testId="host-install-command" />
        </div>
      ) : null}
    </div>
  );
}
