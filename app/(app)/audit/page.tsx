import type { Metadata } from "next";
import { forbidden } from "next/navigation";

import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { Pagination } from "@/components/users/pagination";
import { requireUser } from "@/lib/auth/guard";
import { auditQuerySchema, canReadAudit, listAuditLog } from "@/lib/users/audit-log";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  // Either user or settings administrators may read the log.
  const actor = await requireUser();
  if (!canReadAudit(actor)) forbidden();
  const raw = await searchParams;
  const values = {
    action: first(raw.action) === "all" ? "" : first(raw.action),
    actor: first(raw.actor),
    search: first(raw.search),
    from: first(raw.from),
    to: first(raw.to),
  };
  // A malformed date is dropped rather than failing the page.
  const dates = auditQuerySchema.pick({ from: true, to: true }).safeParse(values);
  const query = { ...values, ...(dates.success ? {} : { from: "", to: "" }), page: first(raw.page) };
  const page = await listAuditLog(actor, query);

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader title="Audit log" description="Sign-ins, account changes and role changes, newest first." />
      <AuditFilters values={values} />
      {dates.success ? null : <p className="text-destructive text-sm">Dates must look like 2026-01-31.</p>}
      <AuditTable rows={page.rows} />
      <Pagination
        basePath="/audit"
        params={query}
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
      />
    </div>
  );
}
