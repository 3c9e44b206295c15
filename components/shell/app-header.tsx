import type * as React from "react";

import { Separator } from "@/components/ui/separator";

import { HeaderTitle } from "./header-title";
import { MobileNav } from "./mobile-nav";
import { SidebarToggle } from "./sidebar-toggle";
import { ThemeToggle } from "./theme-toggle";

interface AppHeaderProps {
  /** Right-hand slot after the theme toggle, e.g. the user menu. */
  actions?: React.ReactNode;
  permissions?: readonly string[];
}

export function AppHeader({ actions, permissions }: AppHeaderProps) {
  return (
    <header
      data-testid="app-header"
      className="sticky top-0 z-30 flex h-14 shrink-0 items-center gap-2 border-b bg-background/95 px-3 backdrop-blur supports-[backdrop-filter]:bg-background/70 md:px-4"
    >
      <MobileNav permissions={permissions} />
      <SidebarToggle />
      <Separator orientation="vertical" className="mr-1 data-[orientation=vertical]:h-4" />
      <HeaderTitle />
      <div className="ml-auto flex items-center gap-1" data-testid="header-actions">
        <ThemeToggle />
        {actions}
      </div>
    </header>
  );
}
