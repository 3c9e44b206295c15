import type { Metadata } from "next";
import { CustomiseDashboard } from "@/components/dashboard/customise-dashboard";
import { EmptyFleet } from "@/components/dashboard/empty-fleet";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/guard";
import { getDashboardLayoutFor } from "@/lib/dashboard/preferences";
import { getFleetOverview } from "@/lib/overview";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requirePermission("can_view_dashboard");
  const [overview, layout] = await Promise.all([getFleetOverview(actor), getDashboardLayoutFor(actor)]);

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader title="Dashboard" description="Patch status across every host reporting to this server." />
      {overview.hosts.total === 0 ? <EmptyFleet /> : null}
      <CustomiseDashboard overview={overview} layout={layout} />
    </div>
  );
}
