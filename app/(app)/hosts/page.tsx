import { Download, Plus } from "lucide-react";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { Pagination } from "@/components/data-table/pagination";
import { HostListColumnChooser } from "@/components/hosts/host-list-column-chooser";
import { HOST_COLUMNS_COOKIE, parseHostColumns } from "@/components/hosts/host-list-columns";
import { HostListFilters } from "@/components/hosts/host-list-filters";
import { HostListTable } from "@/components/hosts/host-list-table";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { hasPermission, requirePermission } from "@/lib/auth/guard";
import { hostGroupChoicesFor, hostOsTypesFor } from "@/lib/hosts/list-options";
import { hostListInputFromParams, listHostsSchema } from "@/lib/hosts/schemas";
import { listHostsFor } from "@/lib/hosts/service";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Hosts" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FILTER_PARAMS = ["q", "group", "status", "os", "updates", "security", "reboot", "stale"];
const EXPORT_PARAMS = [...FILTER_PARAMS, "sort", "order"];

export default async function HostsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("can_view_hosts");
  const raw = await searchParams;
  // A hand-edited URL with a bad value shows the unfiltered list rather than an error page.
  const parsed = listHostsSchema.safeParse(hostListInputFromParams(raw));
  const input = parsed.success ? parsed.data : {};
  const [page, groups, osTypes, cookieStore] = await Promise.all([
    listHostsFor(actor, input),
    hostGroupChoicesFor(actor),
    hostOsTypesFor(actor),
    cookies(),
  ]);
  const columns = parseHostColumns(cookieStore.get(HOST_COLUMNS_COOKIE)?.value);
  const canManage = hasPermission(actor, "can_manage_hosts");
  const canExport = hasPermission(actor, "can_export_data");
  const filtered = FILTER_PARAMS.some((key) => raw[key]);
  const exportQuery = new URLSearchParams();
  for (const key of EXPORT_PARAMS) {
    const value = raw[key];
    if (typeof value === "string" && value) exportQuery.set(key, value);
  }

  return (
    <div className="mx-auto flex w-full max-w-screen-2xl flex-col gap-6">
      <PageHeader
        title="Hosts"
        description="Every machine reporting to PatchMon, its updates and its health."
        actions={
          <>
            {canExport ? (
              <Button variant="outline" asChild>
                <a href={`/api/v1/hosts/export?${exportQuery}`} download data-testid="export-hosts">
                  <Download />
                  Export CSV
                </a>
              </Button>
            ) : null}
            {canManage ? (
              <Button asChild>
                <Link href="/hosts/new" data-testid="add-host">
                  <Plus />
                  Add host
                </Link>
              </Button>
            ) : null}
          </>
        }
      />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <HostListFilters groups={groups} osTypes={osTypes} />
        <HostListColumnChooser columns={columns} />
      </div>
      <HostListTable
        hosts={page.hosts}
        columns={columns}
        now={Date.now()}
        canManage={canManage}
        canExport={canExport}
        groups={groups}
        filtered={filtered}
      />
      <Pagination page={page.page} pageSize={page.pageSize} total={page.total} noun="hosts" />
    </div>
  );
}
