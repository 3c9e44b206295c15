import type { Metadata } from "next";

import { BrandingCard } from "@/components/settings/branding-card";
import { SettingsPage } from "@/components/settings/settings-page";
import { requirePermission } from "@/lib/auth/guard";
import { getBrandingFor } from "@/lib/settings/branding";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Branding" };

export default async function BrandingSettingsPage() {
  const actor = await requirePermission("can_manage_settings");
  const branding = await getBrandingFor(actor);
  return (
    <SettingsPage title="Branding" description="Your logos and favicon in place of PatchMon's.">
      <div className="grid gap-4 md:grid-cols-3">
        <BrandingCard
          kind="logo-light"
          title="Logo, light theme"
          description="Shown on light backgrounds."
          version={branding["logo-light"]}
        />
        <BrandingCard
          kind="logo-dark"
          title="Logo, dark theme"
          description="Shown on dark backgrounds."
          version={branding["logo-dark"]}
        />
        <BrandingCard
          kind="favicon"
          title="Favicon"
          description="The browser tab icon."
          version={branding.favicon}
        />
      </div>
    </SettingsPage>
  );
}
