"use client";

import { ShieldCheck } from "lucide-react";
import Link from "next/link";

import { cn } from "@/lib/utils";

import { useBrandLogos } from "./branding-context";

/** The uploaded logo for each theme (one serves both when only one was uploaded), else the mark. */
function Mark() {
  const { light, dark } = useBrandLogos();
  if (!light && !dark) {
    return (
      <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-sidebar-primary text-sidebar-primary-foreground">
        <ShieldCheck className="size-4" aria-hidden />
      </span>
    );
  }
  const lightSrc = light ?? dark ?? "";
  const darkSrc = dark ?? light ?? "";
  return (
    <span className="flex size-8 shrink-0 items-center justify-center" data-testid="brand-logo">
      {/* biome-ignore lint/performance/noImgElement: uploaded files of unknown size, served by our route */}
      <img src={lightSrc} alt="" className="max-h-8 max-w-8 object-contain dark:hidden" />
      {/* biome-ignore lint/performance/noImgElement: as above */}
      <img src={darkSrc} alt="" className="hidden max-h-8 max-w-8 object-contain dark:block" />
    </span>
  );
}

/** Product mark and name; `collapsed` keeps the name for screen readers only. */
export function Brand({ collapsed = false, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  return (
    <Link
      href="/"
      onClick={onNavigate}
      data-testid="brand"
      className="flex min-w-0 items-center gap-2 rounded-md font-semibold text-sidebar-foreground outline-none focus-visible:ring-[3px] focus-visible:ring-sidebar-ring"
    >
      <Mark />
      <span className={cn("truncate text-base tracking-tight", collapsed && "sr-only")}>PatchMon</span>
    </Link>
  );
}
