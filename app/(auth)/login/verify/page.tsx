import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { TfaForm } from "@/components/auth/tfa-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { readPendingTfaCookie } from "@/lib/auth/cookies";
import { safeCallbackUrl } from "@/lib/auth/schemas";
import { readTicket } from "@/lib/auth/tickets";
import { getEnv } from "@/lib/env";
import { verifyTfaAction } from "../actions";

export const metadata: Metadata = { title: "Two-factor verification" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function VerifyPage({ searchParams }: Props) {
  // Only after a correct password in this browser within the last five minutes.
  if (!(await readTicket("tfa", await readPendingTfaCookie()))) redirect("/login");
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  const rememberDays = Math.max(1, Math.round(getEnv().tfa.rememberMeExpiresInMs / 86_400_000));

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Two-factor verification</CardTitle>
        <CardDescription>Your account is protected with a second factor.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <TfaForm action={verifyTfaAction} callbackUrl={callbackUrl} rememberDays={rememberDays} />
        <Link href="/login" className="text-muted-foreground text-sm underline-offset-4 hover:underline">
          Back to sign in
        </Link>
      </CardContent>
    </Card>
  );
}
