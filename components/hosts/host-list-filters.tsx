"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { SearchInput } from "@/components/data-table/search-input";
import { withParams } from "@/components/data-table/url-params";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { HOST_STATUS_LABELS } from "@/lib/hosts/labels";
import type { HostGroupChoice } from "@/lib/hosts/list-options";

const FLAGS = [
  { param: "updates", label: "Needs updates" },
  { param: "security", label: "Security updates" },
  { param: "reboot", label: "Needs reboot" },
  { param: "stale", label: "Stale or offline" },
] as const;

const selectClass =
  "h-9 rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/30";

/** Search, selects and toggles; every change rewrites the URL and starts again at page 1. */
export function HostListFilters({ groups, osTypes }: { groups: HostGroupChoice[]; osTypes: string[] }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const set = (changes: Record<string, string | null>) =>
    router.push(withParams(pathname, searchParams.toString(), { ...changes, page: null }), { scroll: false });

  return (
    <div className="flex min-w-0 flex-1 flex-col gap-3" data-testid="hosts-filters">
      <div className="flex flex-wrap items-center gap-2">
        <SearchInput placeholder="Search name, hostname, IP, OS, notes…" aria-label="Search hosts" />
        <select
          aria-label="Group"
          className={selectClass}
          value={searchParams.get("group") ?? ""}
          onChange={(event) => set({ group: event.target.value })}
          data-testid="filter-group"
        >
          <option value="">All groups</option>
          <option value="ungrouped">Ungrouped</option>
          {groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Status"
          className={selectClass}
          value={searchParams.get("status") ?? ""}
          onChange={(event) => set({ status: event.target.value })}
          data-testid="filter-status"
        >
          <option value="">Any status</option>
          {Object.entries(HOST_STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select
          aria-label="Operating system"
          className={selectClass}
          value={searchParams.get("os") ?? ""}
          onChange={(event) => set({ os: event.target.value })}
          data-testid="filter-os"
        >
          <option value="">Any OS</option>
          {osTypes.map((os) => (
            <option key={os} value={os}>
              {os}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        {FLAGS.map((flag) => (
          <div key={flag.param} className="flex items-center gap-2">
            <Checkbox
              id={`filter-${flag.param}`}
              checked={searchParams.get(flag.param) === "1"}
              onCheckedChange={(on) => set({ [flag.param]: on === true ? "1" : null })}
              data-testid={`filter-${flag.param}`}
            />
            <Label htmlFor={`filter-${flag.param}`} className="font-normal">
              {flag.label}
            </Label>
          </div>
        ))}
      </div>
    </div>
  );
}
