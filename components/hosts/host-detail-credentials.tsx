"use client";

import { KeyRound, TerminalSquare, TriangleAlert } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";

import { issueInstallCommandAction, regenerateCredentialsAction } from "@/app/(app)/hosts/[id]/actions";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
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
  const [open, setOpen] = useState(false);

  const showInstall = () =>
    startTransition(async () => {
      const result = await issueInstallCommandAction(null, { hostId });
      if (result.ok) setCommand(result.data.command);
      else toast.error(result.error);
    });

  const regenerate = () =>
    startTransition(async () => {
      const result = await regenerateCredentialsAction(null, { hostId });
      setOpen(false);
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      setIssued(result.data);
      setCommand(result.data.installCommand);
      toast.success("New credentials issued; the old key no longer works.");
    });

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={showInstall} disabled={pending} data-testid="host-show-install">
          <TerminalSquare aria-hidden /> Show install command
        </Button>
        <AlertDialog open={open} onOpenChange={setOpen}>
          <AlertDialogTrigger asChild>
            <Button variant="outline" disabled={pending} data-testid="host-regenerate">
              <KeyRound aria-hidden /> Regenerate credentials
            </Button>
          </AlertDialogTrigger>
          <AlertDialogContent data-testid="host-regenerate-dialog">
            <AlertDialogHeader>
              <AlertDialogTitle>Regenerate credentials for {friendlyName}?</AlertDialogTitle>
              <AlertDialogDescription>
                The current API key stops working at once: the agent on this host cannot report until it is
                reinstalled with the new credentials (or the new key is put in its configuration).
              </AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Cancel</AlertDialogCancel>
              <Button
                variant="destructive"
                onClick={regenerate}
                disabled={pending}
                data-testid="host-regenerate-confirm"
              >
                Regenerate
              </Button>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
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
