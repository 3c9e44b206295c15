import type { Metadata } from "next";

import { PasswordRules } from "@/components/auth/password-rules";
import { SetupForm } from "@/components/auth/setup-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { isSetupComplete } from "@/lib/auth/guard";
import { describePasswordPolicy } from "@/lib/auth/password-policy";
import { getEnv } from "@/lib/env";
import { setupAction } from "./actions";

export const metadata: Metadata = { title: "Set up PatchMon" };

export default async function SetupPage() {
  const done = await isSetupComplete();

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">
          {done ? "Already set up" : "Create the first administrator"}
        </CardTitle>
        <CardDescription>
          {done
            ? "PatchMon already has an administrator. This page is closed for good."
            : "This account can manage users, roles and settings. This page closes once it exists."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {done ? (
          <a
            href="/login"
            className="font-medium text-sm underline underline-offset-4"
            data-testid="setup-done"
          >
            Go to sign in
          </a>
        ) : (
          <SetupForm
            action={setupAction}
            rules={<PasswordRules rules={describePasswordPolicy(getEnv().password)} />}
          />
        )}
      </CardContent>
    </Card>
  );
}
