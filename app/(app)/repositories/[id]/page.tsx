import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { Pagination } from "@/components/data-table/pagination";
import { EnabledSummary, SecureBadge } from "@/components/repositories/repositories-table";
import { RepositoryHostsTable } from "@/components/repositories/repository-hosts-table";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { requirePermission } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/errors";
import { lenientParse } from "@/lib/packages/schemas";
import { repositoryHostsSchema } from "@/lib/repositories/schemas";
import { getRepositoryFor, listRepositoryHostsFor } from "@/lib/repositories/service";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Repository" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="break-all text-sm">{children}</dd>
    </div>
  );
}

export default async function RepositoryPage({ params, searchParams }: Props) {
  const actor = await requirePermission("can_view_hosts");
  const { id } = await params;
  const query = lenientParse(repositoryHostsSchema, await searchParams);
  const [repo, hosts] = await Promise.all([
    getRepositoryFor(actor, id),
    listRepositoryHostsFor(actor, id, query),
  ]).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <Link
        href="/repositories"
        className="inline-flex items-center gap-1 text-muted-foreground text-sm hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden /> Repositories
      </Link>
      <PageHeader
        title={repo.name}
        description={<span className="break-all font-mono text-xs">{repo.url}</span>}
      />
      <dl
        className="grid gap-4 rounded-md border p-4 sm:grid-cols-3 lg:grid-cols-6"
        data-testid="repository-facts"
      >
        <Fact label="Type">
          <Badge variant="outline">{repo.repoType}</Badge>
        </Fact>
        <Fact label="Distribution">{repo.distribution || "—"}</Fact>
        <Fact label="Components">{repo.components || "—"}</Fact>
        <Fact label="Secure">
          <SecureBadge secure={repo.isSecure} />
        </Fact>
        <Fact label="Enabled">
          <EnabledSummary hostCount={repo.hostCount} enabledHostCount={repo.enabledHostCount} />
        </Fact>
        <Fact label="Hosts">{repo.hostCount.toLocaleString("en")}</Fact>
      </dl>
      <h2 className="font-semibold text-lg">Hosts using it</h2>
      <RepositoryHostsTable rows={hosts.rows} />
      <Pagination page={hosts.page} pageSize={hosts.pageSize} total={hosts.total} noun="hosts" />
    </div>
  );
}
