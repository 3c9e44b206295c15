"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { createContext, type ReactNode, useContext } from "react";

import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";

import { findNavItem, type NavBadgeCounts, navTestId, visibleNavItems } from "./nav-items";

const BadgeContext = createContext<NavBadgeCounts>({});

/** The layout's counts for nav badges, read by every SidebarNav below (desktop and mobile). */
export function NavBadges({ counts, children }: { counts: NavBadgeCounts; children: ReactNode }) {
  return <BadgeContext.Provider value={counts}>{children}</BadgeContext.Provider>;
}

interface SidebarNavProps {
  /** Icons only, labels in tooltips (desktop collapsed state). */
  collapsed?: boolean;
  /** Called after a link is chosen, e.g. to close the mobile sheet. */
  onNavigate?: () => void;
  permissions?: readonly string[];
}

export function SidebarNav({ collapsed = false, onNavigate, permissions }: SidebarNavProps) {
  const pathname = usePathname();
  const badges = useContext(BadgeContext);

  return (
    <ul className="flex flex-col gap-1">
      {visibleNavItems(permissions).map((item) => {
        // Only the closest entry: /settings/notifications lights Notifications, not Settings too.
        const active = findNavItem(pathname)?.href === item.href;
        const Icon = item.icon;
        const count = item.badge ? (badges[item.badge] ?? 0) : 0;
        const link = (
          <Link
            href={item.href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            data-active={active}
            data-testid={navTestId(item)}
            className={cn(
              "flex h-9 items-center gap-3 rounded-md px-2.5 font-medium text-sidebar-foreground/75 text-sm outline-none transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-[3px] focus-visible:ring-sidebar-ring data-[active=true]:bg-sidebar-accent data-[active=true]:text-sidebar-accent-foreground",
              collapsed && "relative justify-center px-0",
            )}
          >
            <Icon className="size-4 shrink-0" aria-hidden />
            <span className={cn("truncate", collapsed && "sr-only")}>{item.label}</span>
            {count > 0 ? (
              <span
                data-testid={`${navTestId(item)}-badge`}
                className={cn(
                  "ml-auto min-w-5 rounded-full bg-destructive px-1.5 text-center font-semibold text-[11px] text-white leading-5 dark:bg-destructive/80",
                  collapsed && "absolute top-0 right-0 min-w-4 px-1 text-[10px] leading-4",
                )}
              >
                {count > 99 ? "99+" : count}
                <span className="sr-only"> open</span>
              </span>
            ) : null}
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
