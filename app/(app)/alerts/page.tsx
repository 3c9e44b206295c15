import { Settings } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { AlertFilters } from "@/components/alerts/alert-filters";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/users/pagination";
import { listAlertFilterChoicesFor, listAlertsFor } from "@/lib/alerts/access";
import { listAlertsSchema } from "@/lib/alerts/types";
import { hasPermission, requirePermission } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Alerts" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A filter value from the URL; "all", empty and repeated values mean no filter. */
function param(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single && single !== "all" ? single : undefined;
}

const PAGE_SIZE = 25;

export default async function AlertsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("can_view_hosts");
  const raw = await searchParams;
  const params = {
    type: param(raw.type),
    severity: param(raw.severity),
    status: param(raw.status),
    host: param(raw.host),
    group: param(raw.group),
    page: param(raw.page),
  };
  const pageNumber = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const query = listAlertsSchema.safeParse({
    type: params.type,
    severity: params.severity,
    status: params.status,
    hostId: params.host,
    hostGroupId: params.group,
    page: pageNumber,
    pageSize: PAGE_SIZE,
  });
  const [page, choices] = await Promise.all([
    // A hand-edited URL with an unknown value lists nothing rather than failing.
    query.success
      ? listAlertsFor(actor, query.data)
      : { rows: [], total: 0, page: pageNumber, pageSize: PAGE_SIZE },
    listAlertFilterChoicesFor(actor),
  ]);

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader
        title="Alerts"
        description="Conditions on your hosts that need attention, newest first."
        actions={
          hasPermission(actor, "can_manage_settings") ? (
            <Button asChild variant="outline" size="sm">
              <Link href="/settings/alerts" data-testid="alert-settings-link">
                <Settings aria-hidden /> Alert settings
              </Link>
            </Button>
          ) : null
        }
      />
      <AlertFilters
        values={{
          type: params.type ?? "all",
          severity: params.severity ?? "all",
          status: params.status ?? "all",
          host: params.host ?? "all",
          group: params.group ?? "all",
        }}
        hosts={choices.hosts}
        groups={choices.groups}
      />
      <AlertsTable
        canManage={hasPermission(actor, "can_manage_hosts")}
        alerts={page.rows.map((row) => ({
          id: row.id,
          type: row.type,
          severity: row.severity,
          status: row.status,
          title: row.title,
          hostName: row.hostName,
          assigneeUsername: row.assigneeUsername,
          createdAt: row.createdAt.toISOString(),
        }))}
      />
      <Pagination
        basePath="/alerts"
        params={params}
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
      />
    </div>
  );
}
