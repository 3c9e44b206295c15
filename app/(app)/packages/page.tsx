import { Download } from "lucide-react";
import type { Metadata } from "next";

import { Pagination } from "@/components/data-table/pagination";
import { PackagesFilters } from "@/components/packages/packages-filters";
import { PackagesTable } from "@/components/packages/packages-table";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { hasPermission, requirePermission } from "@/lib/auth/guard";
import { listHostGroupsFor } from "@/lib/host-groups/service";
import { getHostFor } from "@/lib/hosts/service";
import { lenientParse, listPackagesSchema } from "@/lib/packages/schemas";
import { listPackageManagersFor, listPackagesFor } from "@/lib/packages/service";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Packages" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PackagesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("can_view_packages");
  const raw = await searchParams;
  // The shared search box writes `q`.
  const query = lenientParse(listPackagesSchema, { ...raw, search: raw.q ?? raw.search });
  const canSeeHosts = hasPermission(actor, "can_view_hosts");
  const [page, managers, groups, host] = await Promise.all([
    listPackagesFor(actor, query),
    listPackageManagersFor(actor),
    canSeeHosts ? listHostGroupsFor(actor) : null,
    query.host && canSeeHosts ? getHostFor(actor, query.host).catch(() => null) : null,
  ]);
  const exportParams = new URLSearchParams();
  for (const key of ["search", "pm", "host", "group", "sort", "order"] as const) {
    const value = query[key];
    if (value) exportParams.set(key, String(value));
  }
  if (query.updates) exportParams.set("updates", "1");
  if (query.security) exportParams.set("security", "1");
  const filtered = Boolean(
    query.search || query.pm || query.host || query.group || query.updates || query.security,
  );

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader
        title="Packages"
        description="Every package installed on your hosts, with how many hosts need an update and how many of those are security updates."
        actions={
          hasPermission(actor, "can_export_data") ? (
            <Button asChild variant="outline">
              <a href={`/api/v1/packages/export?${exportParams}`} data-testid="packages-export" download>
                <Download aria-hidden /> Export CSV
              </a>
            </Button>
          ) : null
        }
      />
      <PackagesFilters
        managers={managers}
        groups={groups ? groups.map((group) => ({ value: group.id, label: group.name })) : null}
        hostLabel={host?.friendlyName ?? null}
      />
      {page.rows.length === 0 ? (
        <div
          className="rounded-md border border-dashed p-10 text-center text-sm"
          data-testid="packages-empty"
        >
          <p className="font-medium">{filtered ? "No packages match these filters." : "No packages yet."}</p>
          <p className="text-muted-foreground">
            {filtered
              ? "Clear a filter or change the search."
              : "Packages appear here once a host's agent sends its first report."}
          </p>
        </div>
      ) : (
        <PackagesTable rows={page.rows} />
      )}
      <Pagination page={page.page} pageSize={page.pageSize} total={page.total} noun="packages" />
    </div>
  );
}
