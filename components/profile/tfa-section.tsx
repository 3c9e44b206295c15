"use client";

import { useActionState, useState } from "react";

import { confirmTfaEnrolmentAction, disableTfaAction } from "@/app/(app)/profile/actions";
import type { EnrolmentView } from "@/lib/profile/tfa-enrolment";
import { BackupCodesDialog } from "./backup-codes-dialog";
import { TfaEnrol } from "./tfa-enrol";
import { TfaManage } from "./tfa-manage";
import { useResultToast } from "./use-result-toast";

export type TfaSectionProps = {
  enabled: boolean;
  unusedBackupCodes: number;
  hasPassword: boolean;
  pendingView: EnrolmentView | null;
};

/**
 * Turning TFA on or off re-renders the page in the same response as the action's result, which
 * swaps the enrolment view for the management view (or back). The results of those two actions and
 * the fresh backup codes therefore live here, above both views, or they would be lost in the swap.
 */
export function TfaSection({ enabled, unusedBackupCodes, hasPassword, pendingView }: TfaSectionProps) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirmed, confirm, confirming] = useActionState(confirmTfaEnrolmentAction, null);
  const [disabled, disable, disabling] = useActionState(disableTfaAction, null);
  useResultToast(confirmed, "Two-factor authentication is on.", (data) => setCodes(data.backupCodes));
  useResultToast(disabled, "Two-factor authentication is off.");

  return (
    <>
      {enabled ? (
        <TfaManage
          unusedBackupCodes={unusedBackupCodes}
          hasPassword={hasPassword}
          onCodes={setCodes}
          disable={{ action: disable, pending: disabling, result: disabled }}
        />
      ) : (
        <TfaEnrol
          pendingView={pendingView}
          confirm={{ action: confirm, pending: confirming, result: confirmed }}
        />
      )}
      <BackupCodesDialog codes={codes} onDone={() => setCodes(null)} />
    </>
  );
}
