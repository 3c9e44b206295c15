import { Info } from "lucide-react";
import type { Metadata } from "next";
import { cookies } from "next/headers";

import { AccountForm } from "@/components/profile/account-form";
import { DevicesList } from "@/components/profile/devices-list";
import { PasswordForm } from "@/components/profile/password-form";
import { ProfileTabs } from "@/components/profile/profile-tabs";
import { SessionsList } from "@/components/profile/sessions-list";
import { profileTabOf } from "@/components/profile/tabs";
import { TfaSection } from "@/components/profile/tfa-section";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guard";
import { describePasswordPolicy } from "@/lib/auth/password-policy";
import { getEnv } from "@/lib/env";
import { getMyProfile } from "@/lib/profile/account";
import { PENDING_TFA_COOKIE } from "@/lib/profile/pending-tfa";
import { listMyDevices, listMySessions } from "@/lib/profile/sessions";
import { resumeTfaEnrolment } from "@/lib/profile/tfa-enrolment";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Profile" };

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: React.ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export default async function ProfilePage({
  searchParams,
}: {
  searchParams: Promise<{ tab?: string | string[] }>;
}) {
  const actor = await requireUser();
  const active = profileTabOf((await searchParams).tab);
  const [profile, sessions, devices] = await Promise.all([
    getMyProfile(actor),
    listMySessions(actor),
    listMyDevices(actor),
  ]);
  const pendingView = profile.tfaEnabled
    ? null
    : await resumeTfaEnrolment(actor, (await cookies()).get(PENDING_TFA_COOKIE)?.value);

  const account = (
    <Section title="Account" description="Your name, email address and how PatchMon looks for you.">
      <AccountForm
        initial={{
          username: profile.username,
          firstName: profile.firstName ?? "",
          lastName: profile.lastName ?? "",
          email: profile.email,
          themePreference: profile.themePreference,
        }}
      />
    </Section>
  );

  const password = (
    <Section title="Password" description="Change the password you sign in with.">
      {profile.hasPassword ? (
        <PasswordForm rules={describePasswordPolicy(getEnv().password)} />
      ) : (
        <Alert data-testid="password-sso-note">
          <Info aria-hidden />
          <AlertDescription>
            You sign in through single sign-on, so this account has no PatchMon password. Change your password
            with your identity provider.
          </AlertDescription>
        </Alert>
      )}
    </Section>
  );

  const twoFactor = (
    <Section
      title="Two-factor authentication"
      description="A code from an authenticator app after your password keeps a stolen password from being enough."
    >
      <TfaSection
        enabled={profile.tfaEnabled}
        unusedBackupCodes={profile.unusedBackupCodes}
        hasPassword={profile.hasPassword}
        pendingView={pendingView}
      />
    </Section>
  );

  const sessionsPanel = (
    <>
      <Section
        title="Sessions"
        description="Browsers signed in to your account. Sign out any you do not recognise."
      >
        <SessionsList
          sessions={sessions.map((session) => ({
            ...session,
            createdAt: session.createdAt.toISOString(),
            lastActivityAt: session.lastActivityAt.toISOString(),
          }))}
        />
      </Section>
      <Section
        title="Remembered devices"
        description="Devices that skip the two-factor code when you sign in with your password."
      >
        <DevicesList
          tfaEnabled={profile.tfaEnabled}
          devices={devices.map((device) => ({
            ...device,
            createdAt: device.createdAt.toISOString(),
            lastUsedAt: device.lastUsedAt?.toISOString() ?? null,
            expiresAt: device.expiresAt.toISOString(),
          }))}
        />
      </Section>
    </>
  );

  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      <PageHeader title="Profile" description={`Signed in as ${actor.username} (${actor.roleName}).`} />
      <ProfileTabs
        active={active}
        panels={{ account, password, "two-factor": twoFactor, sessions: sessionsPanel }}
      />
    </div>
  );
}
