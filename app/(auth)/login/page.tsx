import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { LoginForm } from "@/components/auth/login-form";
import { SsoButton } from "@/components/auth/sso-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Separator } from "@/components/ui/separator";
import { getActor } from "@/lib/auth/actor";
import { isSetupComplete } from "@/lib/auth/guard";
import { describeLoginPageError } from "@/lib/auth/login-messages";
import { ssoButtonConfig } from "@/lib/auth/oidc";
import { safeCallbackUrl } from "@/lib/auth/schemas";
import { getEnv } from "@/lib/env";
import { loginAction, ssoSignInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  if (!(await isSetupComplete())) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  if (await getActor()) redirect(callbackUrl);
  const sso = ssoButtonConfig();
  const localEnabled = !(getEnv().oidc.enabled && getEnv().oidc.disableLocalAuth);
  const notice = describeLoginPageError(params.error, params.code);

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Sign in to PatchMon</CardTitle>
        <CardDescription>
          {localEnabled
            ? "Use your username or email and password."
            : "Sign in with your organisation's account."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {notice ? (
          <p
            className="rounded-md border border-destructive/40 px-3 py-2 text-destructive text-sm"
            data-testid="login-notice"
          >
            {notice}
          </p>
        ) : null}
        {localEnabled ? <LoginForm action={loginAction} callbackUrl={callbackUrl} /> : null}
        {sso.enabled ? (
          <>
            {localEnabled ? <Separator /> : null}
            <SsoButton action={ssoSignInAction} text={sso.text} callbackUrl={callbackUrl} />
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
