import Link from "next/link";

import { cn } from "@/lib/utils";

export const HOST_TABS = ["overview", "packages", "repositories", "history", "notes", "agent"] as const;
export type HostTab = (typeof HOST_TABS)[number];

const LABELS: Record<HostTab, string> = {
  overview: "Overview",
  packages: "Packages",
  repositories: "Repositories",
  history: "Report history",
  notes: "Notes",
  agent: "Agent",
};

export function parseHostTab(value: string | undefined): HostTab {
  return HOST_TABS.find((tab) => tab === value) ?? "overview";
}

/** Tabs as links: the tab lives in the URL (?tab=), so it is shareable and the back button works. */
export function HostDetailTabs({
  hostId,
  active,
  counts,
}: {
  hostId: string;
  active: HostTab;
  counts: Partial<Record<HostTab, number>>;
}) {
  return (
    <nav
      aria-label="Host sections"
      className="-mx-1 flex w-full overflow-x-auto border-b px-1"
      data-testid="host-tabs"
    >
      {HOST_TABS.map((tab) => (
        <Link
          key={tab}
          href={tab === "overview" ? `/hosts/${hostId}` : `/hosts/${hostId}?tab=${tab}`}
          aria-current={tab === active ? "page" : undefined}
          data-testid={`host-tab-${tab}`}
          scroll={false}
          className={cn(
            "-mb-px whitespace-nowrap border-b-2 px-3 py-2 font-medium text-sm transition-colors",
            tab === active
              ? "border-primary text-foreground"
              : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {LABELS[tab]}
          {counts[tab] !== undefined ? (
            <span className="ml-1.5 rounded-md bg-muted px-1.5 py-0.5 text-muted-foreground text-xs">
              {counts[tab]}
            </span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}
