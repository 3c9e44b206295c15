"use client";

import { cn } from "@/lib/utils";

import { Brand } from "./brand";
import { SidebarNav } from "./sidebar-nav";
import { useSidebar } from "./sidebar-provider";

/** Desktop sidebar (md and up). Phones get the same navigation in <MobileNav />. */
export function AppSidebar({ permissions }: { permissions?: readonly string[] }) {
  const { open } = useSidebar();

  return (
    <aside
      data-testid="app-sidebar"
      data-state={open ? "expanded" : "collapsed"}
      className={cn(
        "sticky top-0 hidden h-svh shrink-0 flex-col border-sidebar-border border-r bg-sidebar text-sidebar-foreground transition-[width] duration-200 ease-linear md:flex",
        open ? "w-60" : "w-14",
      )}
    >
      <div className="flex h-14 shrink-0 items-center border-sidebar-border border-b px-3">
        <Brand collapsed={!open} />
      </div>
      <nav aria-label="Main" className="flex-1 overflow-y-auto overflow-x-hidden p-2">
        <SidebarNav collapsed={!open} permissions={permissions} />
      </nav>
    </aside>
  );
}
