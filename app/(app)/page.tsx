import type { Metadata } from "next";

import { EmptyFleet } from "@/components/dashboard/empty-fleet";
import { OverviewGrid } from "@/components/dashboard/overview-grid";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/guard";
import { getFleetOverview } from "@/lib/overview";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requirePermission("can_view_dashboard");
  const overview = await getFleetOverview(actor);

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader title="Dashboard" description="Patch status across every host reporting to this server." />
      {overview.hosts.total === 0 ? <EmptyFleet /> : null}
      <OverviewGrid overview={overview} />
    </div>
  );
}
