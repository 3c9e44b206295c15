"use client";

import { Menu } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from "@/components/ui/sheet";

import { Brand } from "./brand";
import { SidebarNav } from "./sidebar-nav";
import { useSidebar } from "./sidebar-provider";

/** Below md the sidebar is hidden; this menu button opens the same navigation in a sheet. */
export function MobileNav({ permissions }: { permissions?: readonly string[] }) {
  const { openMobile, setOpenMobile } = useSidebar();
  const close = () => setOpenMobile(false);

  return (
    <Sheet open={openMobile} onOpenChange={setOpenMobile}>
      <SheetTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="md:hidden"
          aria-label="Open navigation"
          data-testid="mobile-nav-trigger"
        >
          <Menu aria-hidden />
        </Button>
      </SheetTrigger>
      <SheetContent
        side="left"
        data-testid="mobile-nav"
        className="w-72 gap-0 border-sidebar-border bg-sidebar p-0 text-sidebar-foreground"
      >
        <SheetHeader className="h-14 justify-center border-sidebar-border border-b px-3 py-0">
          <SheetTitle asChild>
            <div>
              <Brand onNavigate={close} />
            </div>
          </SheetTitle>
          <SheetDescription className="sr-only">Main navigation</SheetDescription>
        </SheetHeader>
        <nav aria-label="Main" className="flex-1 overflow-y-auto p-2">
          <SidebarNav onNavigate={close} permissions={permissions} />
        </nav>
      </SheetContent>
    </Sheet>
  );
}
