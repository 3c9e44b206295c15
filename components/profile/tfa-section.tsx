"use client";

import { useState } from "react";

import type { EnrolmentView } from "@/lib/profile/tfa-enrolment";
import { BackupCodesDialog } from "./backup-codes-dialog";
import { TfaEnrol } from "./tfa-enrol";
import { TfaManage } from "./tfa-manage";

export type TfaSectionProps = {
  enabled: boolean;
  unusedBackupCodes: number;
  hasPassword: boolean;
  pendingView: EnrolmentView | null;
};

/**
 * Holds freshly issued backup codes above both views: confirming enrolment re-renders the page as
 * "enabled", and the codes dialog must survive that switch.
 */
export function TfaSection({ enabled, unusedBackupCodes, hasPassword, pendingView }: TfaSectionProps) {
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <>
      {enabled ? (
        <TfaManage unusedBackupCodes={unusedBackupCodes} hasPassword={hasPassword} onCodes={setCodes} />
      ) : (
        <TfaEnrol pendingView={pendingView} onCodes={setCodes} />
      )}
      <BackupCodesDialog codes={codes} onDone={() => setCodes(null)} />
    </>
  );
}
