import { cookies } from "next/headers";
import type * as React from "react";

import { AppHeader } from "@/components/shell/app-header";
import { AppSidebar } from "@/components/shell/app-sidebar";
import { SidebarProvider } from "@/components/shell/sidebar-provider";
import { SIDEBAR_COOKIE } from "@/components/shell/sidebar-state";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const sidebarOpen = (await cookies()).get(SIDEBAR_COOKIE)?.value !== "false";

  return (
    <SidebarProvider defaultOpen={sidebarOpen}>
      <a
        href="#main-content"
        data-testid="skip-link"
        className="sr-only z-50 rounded-md bg-background px-4 py-2 font-medium text-sm shadow-md focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:outline-none focus:ring-[3px] focus:ring-ring/50"
      >
        Skip to content
      </a>
      <div className="flex min-h-svh">
        <AppSidebar />
        <div className="flex min-w-0 flex-1 flex-col">
          <AppHeader />
          <main id="main-content" tabIndex={-1} className="flex-1 p-4 outline-none md:p-6 lg:p-8">
            {children}
          </main>
        </div>
      </div>
    </SidebarProvider>
  );
}
