"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

import { isNavItemActive, navTestId, visibleNavItems } from "./nav-items";

interface SidebarNavProps {
  /** Icons only, labels in tooltips (desktop collapsed state). */
  collapsed?: boolean;
  /** Called after a link is chosen, e.g. to close the mobile sheet. */
  onNavigate?: () => void;
  permissions?: readonly string[];
}

export function SidebarNav({ collapsed = false, onNavigate, permissions }: SidebarNavProps) {
  const pathname = usePathname();

  return (
    <ul className="flex flex-col gap-1">
      {visibleNavItems(permissions).map((item) => {
        const active = isNavItemActive(pathname, item.href);
        const Icon = item.icon;
        const link = (
          <Link
            href={item.href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            data-active={active}
            data-testid={navTestId(item)}
            className={cn(
              "flex h-9 items-center gap-3 rounded-md px-2.5 font-medium text-sidebar-foreground/75 text-sm outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-[3px] focus-visible:ring-sidebar-ring data-[active=true]:bg-sidebar-accent data-[active=true]:text-sidebar-accent-foreground",
              collapsed && "justify-center px-0",
            )}
          >
            <Icon className="size-4 shrink-0" aria-hidden />
            <span className={cn("truncate", collapsed && "sr-only")}>{item.label}</span>
          </Link>
        );

        return (
          <li key={item.href}>
            {collapsed ? (
              <Tooltip>
                <TooltipTrigger asChild>{link}</TooltipTrigger>
                <TooltipContent side="right">{item.label}</TooltipContent>
              </Tooltip>
            ) : (
              link
            )}
          </li>
        );
      })}
    </ul>
  );
}
