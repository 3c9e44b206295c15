import type { Metadata } from "next";
import Link from "next/link";

import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { SettingsPage } from "@/components/settings/settings-page";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsIndexPage() {
  await requirePermission("can_manage_settings");
  return (
    <SettingsPage title="Settings" description="How this server, its agents and its users are set up.">
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {SETTINGS_SECTIONS.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              className="block h-full rounded-xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
              data-testid={`settings-card-${section.href.split("/").pop()}`}
            >
              <Card className="h-full transition-colors hover:bg-accent/50">
                <CardHeader>
                  <CardTitle className="flex items-center gap-2">
                    <section.icon className="size-4 text-muted-foreground" aria-hidden />
                    {section.label}
                  </CardTitle>
                  <CardDescription>{section.description}</CardDescription>
                </CardHeader>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
    </SettingsPage>
  );
}
