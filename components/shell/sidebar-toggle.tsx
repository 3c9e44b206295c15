"use client";

import { PanelLeftClose, PanelLeftOpen } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

import { useSidebar } from "./sidebar-provider";

/** Collapses the desktop sidebar to icons; hidden on phones, where <MobileNav /> takes over. */
export function SidebarToggle() {
  const { open, toggle } = useSidebar();
  const label = open ? "Collapse sidebar" : "Expand sidebar";
  const Icon = open ? PanelLeftClose : PanelLeftOpen;

  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="hidden md:inline-flex"
          onClick={toggle}
          aria-label={label}
          aria-expanded={open}
          data-testid="sidebar-toggle"
        >
          <Icon aria-hidden />
        </Button>
      </TooltipTrigger>
      <TooltipContent side="bottom">
        {label} <kbd className="ml-1 font-sans opacity-70">Ctrl+B</kbd>
      </TooltipContent>
    </Tooltip>
  );
}
