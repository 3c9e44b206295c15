import { cookies } from "next/headers";
import type * as React from "react";

import { AppHeader } from "@/components/shell/app-header";
import { AppSidebar } from "@/components/shell/app-sidebar";
import { BrandingProvider } from "@/components/shell/branding-context";
import { NavBadges } from "@/components/shell/sidebar-nav";
import { SidebarProvider } from "@/components/shell/sidebar-provider";
import { SIDEBAR_COOKIE } from "@/components/shell/sidebar-state";
import { ThemeSync } from "@/components/shell/theme-sync";
import { UserMenu } from "@/components/shell/user-menu";
import { countOpenAlertsFor } from "@/lib/alerts/access";
import { hasPermission, requireUser } from "@/lib/auth/guard";
import { getBrandingUrls } from "@/lib/settings/branding";
import { logoutAction } from "./actions";

// Every page below is per-user: never prerendered, never cached across users.
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireUser();
  const permissions = [...actor.permissions];
  const sidebarOpen = (await cookies()).get(SIDEBAR_COOKIE)?.value !== "false";
  const branding = await getBrandingUrls();
  const openAlerts = hasPermission(actor, "can_view_hosts") ? await countOpenAlertsFor(actor) : 0;

  return (
    <BrandingProvider logos={{ light: branding["logo-light"], dark: branding["logo-dark"] }}>
      <SidebarProvider defaultOpen={sidebarOpen}>
        <NavBadges counts={{ openAlerts }}>
          <ThemeSync preference={actor.themePreference} />
          <a
            href="#main-content"
            data-testid="skip-link"
            className="sr-only z-50 rounded-md bg-background px-4 py-2 font-medium text-sm shadow-md focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:outline-none focus:ring-[3px] focus:ring-ring/50"
          >
            Skip to content
          </a>
          <div className="flex min-h-svh">
            <AppSidebar permissions={permissions} />
            <div className="flex min-w-0 flex-1 flex-col">
              <AppHeader
                permissions={permissions}
                actions={
                  <UserMenu
                    displayName={actor.displayName}
                    username={actor.username}
                    roleName={actor.roleName}
                    logout={logoutAction}
                  />
                }
              />
              <main id="main-content" tabIndex={-1} className="flex-1 p-4 outline-none md:p-6 lg:p-8">
                {children}
              </main>
            </div>
          </div>
        </NavBadges>
      </SidebarProvider>
    </BrandingProvider>
  );
}
