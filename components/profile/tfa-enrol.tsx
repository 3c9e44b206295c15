"use client";

import { ShieldCheck, X } from "lucide-react";
import { useActionState, useEffect, useState, useTransition } from "react";

import { beginTfaEnrolmentAction, cancelTfaEnrolmentAction } from "@/app/(app)/profile/actions";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { EnrolmentView } from "@/lib/profile/tfa-enrolment";
import { type FormSlot, fieldErrorsOf } from "./form-slot";

export function TfaEnrol({
  pendingView,
  confirm,
}: {
  pendingView: EnrolmentView | null;
  confirm: FormSlot<{ backupCodes: string[] }>;
}) {
  const [view, setView] = useState(pendingView);
  const [begun, begin, starting] = useActionState(beginTfaEnrolmentAction, null);
  const [cancelling, startCancel] = useTransition();
  useEffect(() => {
    if (begun?.ok) setView(begun.data);
    else if (begun) setView(null);
  }, [begun]);
  const errors = fieldErrorsOf(confirm.result);

  function cancel() {
    startCancel(async () => {
      await cancelTfaEnrolmentAction(null, {});
      setView(null);
    });
  }

  if (!view) {
    return (
      <form action={begin} className="flex flex-col items-start gap-3">
        <p className="text-muted-foreground text-sm">
          Two-factor authentication is off. Turn it on to ask for a code from an authenticator app (such as
          Aegis, Google Authenticator or 1Password) after your password.
        </p>
        {begun && !begun.ok ? <p className="text-destructive text-sm">{begun.error}</p> : null}
        <Button type="submit" disabled={starting} data-testid="tfa-begin">
          <ShieldCheck aria-hidden />
          {starting ? "Preparing…" : "Set up two-factor authentication"}
        </Button>
      </form>
    );
  }

  return (
    <div className="grid gap-6 md:grid-cols-[auto_1fr]" data-testid="tfa-enrolment">
      <div
        className="size-48 rounded-md bg-white p-2 [&_svg]:size-full"
        role="img"
        aria-label="QR code to add PatchMon to your authenticator app"
        data-testid="tfa-qr"
        // SVG markup generated on the server by the qrcode package from our own otpauth URI.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted, server-generated SVG
        dangerouslySetInnerHTML={{ __html: view.qrSvg }}
      />
      <div className="grid content-start gap-4">
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          <li>Scan the QR code with your authenticator app.</li>
          <li>
            Or enter this key by hand:{" "}
            <code className="break-all rounded bg-muted px-1.5 py-0.5 font-mono" data-testid="tfa-secret">
              {view.secret}
            </code>
          </li>
          <li>Enter the six-digit code the app shows.</li>
        </ol>
        <form action={confirm.action} className="flex flex-wrap items-end gap-2" noValidate>
          <FormField id="tfa-code" label="Code from the app" errors={errors.code} className="w-48">
            <Input
              id="tfa-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              required
              data-testid="tfa-confirm-code"
              {...fieldAria("tfa-code", errors.code)}
            />
          </FormField>
          <Button type="submit" disabled={confirm.pending} data-testid="tfa-confirm">
            {confirm.pending ? "Checking…" : "Turn on"}
          </Button>
          <Button
            type="button"
            variant="ghost"
            onClick={cancel}
            disabled={cancelling}
            data-testid="tfa-cancel"
          >
            <X aria-hidden />
            Cancel
          </Button>
        </form>
        <p className="text-muted-foreground text-xs">This setup expires after 10 minutes.</p>
      </div>
    </div>
  );
}
