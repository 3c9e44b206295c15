import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { Pagination } from "@/components/data-table/pagination";
import { PackageHostsTable } from "@/components/packages/package-hosts-table";
import { ParamToggle } from "@/components/packages/param-controls";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { requirePermission } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/errors";
import { lenientParse, packageHostsSchema } from "@/lib/packages/schemas";
import { getPackageFor, listPackageHostsFor } from "@/lib/packages/service";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Package" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function Stat({
  label,
  value,
  href,
  testId,
}: {
  label: string;
  value: number;
  href: string;
  testId: string;
}) {
  return (
    <Link href={href} className="rounded-md border px-4 py-3 hover:bg-accent" data-testid={testId}>
      <div className="text-muted-foreground text-xs">{label}</div>
      <div className="font-semibold text-2xl tabular-nums">{value.toLocaleString("en")}</div>
    </Link>
  );
}

export default async function PackagePage({ params, searchParams }: Props) {
  const actor = await requirePermission("can_view_packages");
  const { id } = await params;
  const query = lenientParse(packageHostsSchema, await searchParams);
  const result = await Promise.all([getPackageFor(actor, id), listPackageHostsFor(actor, id, query)]).catch(
    (error) => {
      if (error instanceof NotFoundError) notFound();
      throw error;
    },
  );
  const [pkg, hosts] = result;
  const base = `/packages/${pkg.id}`;

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <Link
        href="/packages"
        className="inline-flex items-center gap-1 text-muted-foreground text-sm hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden /> Packages
      </Link>
      <PageHeader
        title={pkg.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge variant="outline">{pkg.packageManager}</Badge>
            {pkg.category ? <Badge variant="secondary">{pkg.category}</Badge> : null}
            {pkg.description ?? null}
          </span>
        }
      />
      <div className="grid grid-cols-3 gap-3 sm:max-w-lg">
        <Stat label="Hosts" value={pkg.hostCount} href={base} testId="package-stat-hosts" />
        <Stat
          label="Need update"
          value={pkg.updateCount}
          href={`${base}?updates=1`}
          testId="package-stat-updates"
        />
        <Stat
          label="Security"
          value={pkg.securityCount}
          href={`${base}?security=1`}
          testId="package-stat-security"
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <ParamToggle param="updates" label="Needs update" testId="filter-updates" />
        <ParamToggle param="security" label="Security" testId="filter-security" />
      </div>
      {hosts.rows.length === 0 ? (
        <div
          className="rounded-md border border-dashed p-10 text-center text-sm"
          data-testid="package-hosts-empty"
        >
          No host matches these filters.
        </div>
      ) : (
        <PackageHostsTable rows={hosts.rows} now={Date.now()} />
      )}
      <Pagination page={hosts.page} pageSize={hosts.pageSize} total={hosts.total} noun="hosts" />
    </div>
  );
}
