"use client";

import { RefreshCw, ShieldOff } from "lucide-react";
import { useActionState, useState } from "react";

import { regenerateBackupCodesAction } from "@/app/(app)/profile/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { CodeDialog } from "./code-dialog";
import { type FormSlot, fieldErrorsOf } from "./form-slot";
import { useResultToast } from "./use-result-toast";

type Props = {
  unusedBackupCodes: number;
  hasPassword: boolean;
  onCodes: (codes: string[]) => void;
  disable: FormSlot<null>;
};

export function TfaManage({ unusedBackupCodes, hasPassword, onCodes, disable }: Props) {
  const [regenOpen, setRegenOpen] = useState(false);
  const [disableOpen, setDisableOpen] = useState(false);
  const [usePassword, setUsePassword] = useState(false);
  const [regenerated, regenerate, regenerating] = useActionState(regenerateBackupCodesAction, null);
  useResultToast(regenerated, "New backup codes issued; the old ones no longer work.", (data) => {
    setRegenOpen(false);
    onCodes(data.backupCodes);
  });
  const regenErrors = fieldErrorsOf(regenerated);
  const disableErrors = fieldErrorsOf(disable.result);
  const low = unusedBackupCodes <= 3;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Badge data-testid="tfa-status">On</Badge>
        <span
          className={low ? "text-amber-600 dark:text-amber-400" : "text-muted-foreground"}
          data-testid="tfa-backup-count"
        >
          {unusedBackupCodes} unused backup code{unusedBackupCodes === 1 ? "" : "s"}
          {low ? ": issue new ones before you run out." : ""}
        </span>
      </div>
      <div className="flex flex-wrap gap-2">
        <CodeDialog
          open={regenOpen}
          onOpenChange={setRegenOpen}
          trigger={
            <Button variant="outline" data-testid="tfa-regenerate">
              <RefreshCw aria-hidden />
              New backup codes
            </Button>
          }
          title="Issue new backup codes"
          description="Enter a current code from your authenticator app. Your existing backup codes stop working."
          action={regenerate}
          pending={regenerating}
          submitLabel="Issue new codes"
          testId="tfa-regenerate"
        >
          <FormField id="regen-code" label="Code from the app" errors={regenErrors.code}>
            <Input
              id="regen-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              data-testid="tfa-regenerate-code"
              {...fieldAria("regen-code", regenErrors.code)}
            />
          </FormField>
        </CodeDialog>
        <CodeDialog
          open={disableOpen}
          onOpenChange={setDisableOpen}
          trigger={
            <Button variant="destructive" data-testid="tfa-disable">
              <ShieldOff aria-hidden />
              Turn off
            </Button>
          }
          title="Turn off two-factor authentication?"
          description="Your account will be protected by your password alone. Backup codes and remembered devices are deleted."
          action={disable.action}
          pending={disable.pending}
          submitLabel="Turn off"
          destructive
          testId="tfa-disable"
        >
          {usePassword ? (
            <FormField id="disable-password" label="Your password" errors={disableErrors.password}>
              <Input
                id="disable-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                data-testid="tfa-disable-password"
                {...fieldAria("disable-password", disableErrors.password)}
              />
            </FormField>
          ) : (
            <FormField id="disable-code" label="Code from the app" errors={disableErrors.code}>
              <Input
                id="disable-code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                data-testid="tfa-disable-code"
                {...fieldAria("disable-code", disableErrors.code)}
              />
            </FormField>
          )}
          {hasPassword ? (
            <Button
              type="button"
              variant="link"
              className="h-auto justify-start p-0"
              onClick={() => setUsePassword((value) => !value)}
              data-testid="tfa-disable-switch"
            >
              {usePassword ? "Use a code from the app instead" : "Lost your app? Use your password instead"}
            </Button>
          ) : null}
        </CodeDialog>
      </div>
    </div>
  );
}
