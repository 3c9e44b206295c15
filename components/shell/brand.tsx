import { ShieldCheck } from "lucide-react";
import Link from "next/link";

import { cn } from "@/lib/utils";

/** Product mark and name; `collapsed` keeps the name for screen readers only. */
export function Brand({ collapsed = false, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  return (
    <Link
      href="/"
      onClick={onNavigate}
      data-testid="brand"
      className="flex min-w-0 items-center gap-2 rounded-md font-semibold text-sidebar-foreground outline-none focus-visible:ring-[3px] focus-visible:ring-sidebar-ring"
    >
      <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-sidebar-primary text-sidebar-primary-foreground">
        <ShieldCheck className="size-4" aria-hidden />
      </span>
      <span className={cn("truncate text-base tracking-tight", collapsed && "sr-only")}>PatchMon</span>
    </Link>
  );
}
