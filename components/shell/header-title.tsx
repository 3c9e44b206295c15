"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { findNavItem } from "./nav-items";

/** Breadcrumb for the current section, derived from the nav config so new pages need no extra wiring. */
export function HeaderTitle() {
  const pathname = usePathname();
  const item = findNavItem(pathname);
  if (!item) return null;
  const onSectionRoot = pathname === item.href;

  return (
    <nav aria-label="Breadcrumb" className="min-w-0" data-testid="header-title">
      <ol className="flex items-center gap-1.5 text-sm">
        <li className="truncate font-medium">
          {onSectionRoot ? (
            <span aria-current="page">{item.label}</span>
          ) : (
            <Link
              href={item.href}
              className="rounded-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
            >
              {item.label}
            </Link>
          )}
        </li>
      </ol>
    </nav>
  );
}
