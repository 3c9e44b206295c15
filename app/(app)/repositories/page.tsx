import { Download } from "lucide-react";
import type { Metadata } from "next";

import { Pagination } from "@/components/data-table/pagination";
import { SearchInput } from "@/components/data-table/search-input";
import { ParamSelect } from "@/components/packages/param-controls";
import { RepositoriesTable } from "@/components/repositories/repositories-table";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { REPO_TYPES } from "@/db/schema/enums";
import { hasPermission, requirePermission } from "@/lib/auth/guard";
import { lenientParse } from "@/lib/packages/schemas";
import { listRepositoriesSchema } from "@/lib/repositories/schemas";
import { listRepositoriesFor } from "@/lib/repositories/service";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Repositories" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

export default async function RepositoriesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("can_view_hosts");
  const raw = await searchParams;
  const query = lenientParse(listRepositoriesSchema, { ...raw, search: raw.q ?? raw.search });
  const page = await listRepositoriesFor(actor, query);
  const exportParams = new URLSearchParams();
  for (const key of ["search", "type", "sort", "order"] as const)
    if (query[key]) exportParams.set(key, query[key]);
  if (query.secure !== undefined) exportParams.set("secure", query.secure ? "yes" : "no");
  if (query.enabled !== undefined) exportParams.set("enabled", query.enabled ? "yes" : "no");
  const filtered = Boolean(
    query.search || query.type || query.secure !== undefined || query.enabled !== undefined,
  );

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader
        title="Repositories"
        description="Package sources your hosts use, and whether they are fetched over a secure connection."
        actions={
          hasPermission(actor, "can_export_data") ? (
            <Button asChild variant="outline">
              <a
                href={`/api/v1/repositories/export?${exportParams}`}
                data-testid="repositories-export"
                download
              >
                <Download aria-hidden /> Export CSV
              </a>
            </Button>
          ) : null
        }
      />
      <div className="flex flex-wrap items-center gap-2" data-testid="repositories-filters">
        <SearchInput
          placeholder="Search name, URL, distribution"
          aria-label="Search repositories"
          className="w-72"
        />
        <ParamSelect
          param="type"
          label="Type"
          allLabel="All types"
          options={REPO_TYPES.map((type) => ({ value: type, label: type }))}
          testId="filter-type"
        />
        <ParamSelect
          param="secure"
          label="Secure"
          allLabel="Secure or not"
          options={YES_NO}
          testId="filter-secure"
        />
        <ParamSelect
          param="enabled"
          label="Enabled"
          allLabel="Enabled or not"
          options={YES_NO}
          testId="filter-enabled"
        />
      </div>
      {page.rows.length === 0 ? (
        <div
          className="rounded-md border border-dashed p-10 text-center text-sm"
          data-testid="repositories-empty"
        >
          <p className="font-medium">
            {filtered ? "No repositories match these filters." : "No repositories yet."}
          </p>
          <p className="text-muted-foreground">
            {filtered
              ? "Clear a filter or change the search."
              : "Repositories appear here once a host's agent sends its first report."}
          </p>
        </div>
      ) : (
        <RepositoriesTable rows={page.rows} />
      )}
      <Pagination page={page.page} pageSize={page.pageSize} total={page.total} noun="repositories" />
    </div>
  );
}
