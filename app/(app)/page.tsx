import type { Metadata } from "next";
import { CustomiseDashboard } from "@/components/dashboard/customise-dashboard";
import { EmptyFleet } from "@/components/dashboard/empty-fleet";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/guard";
import { getDashboardCharts, parseChartRange } from "@/lib/dashboard/charts";
import { getDashboardLayoutFor } from "@/lib/dashboard/preferences";
import { getFleetOverview } from "@/lib/overview";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("can_view_dashboard");
  const range = parseChartRange((await searchParams).range);
  const now = new Date();
  const [overview, layout, charts] = await Promise.all([
    getFleetOverview(actor),
    getDashboardLayoutFor(actor),
    getDashboardCharts(actor, range, now),
  ]);

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader title="Dashboard" description="Patch status across every host reporting to this server." />
      {overview.hosts.total === 0 ? <EmptyFleet /> : null}
      <CustomiseDashboard overview={overview} layout={layout} charts={charts} now={now.getTime()} />
    </div>
  );
}
