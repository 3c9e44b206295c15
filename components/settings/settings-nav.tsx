"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/lib/utils";
import { SETTINGS_SECTIONS } from "./sections";

/** The settings sections as a row of links (scrolls sideways on a phone). */
export function SettingsNav() {
  const pathname = usePathname();
  const items = [{ href: "/settings", label: "Overview" }, ...SETTINGS_SECTIONS.filter((s) => s.inSubNav)];
  return (
    <nav aria-label="Settings sections" className="-mx-1 overflow-x-auto" data-testid="settings-nav">
      <ul className="flex w-max gap-1 px-1">
        {items.map((item) => {
          const active = pathname === item.href;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                data-testid={`settings-nav-${item.href.split("/").pop()}`}
                className={cn(
                  "inline-flex h-8 items-center rounded-md px-3 text-sm transition-colors hover:bg-accent hover:text-accent-foreground",
                  active ? "bg-secondary font-medium text-secondary-foreground" : "text-muted-foreground",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
