import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { HostDetailAgent } from "@/components/hosts/host-detail-agent";
import { HostDetailHeader } from "@/components/hosts/host-detail-header";
import { HostDetailHistory } from "@/components/hosts/host-detail-history";
import { HostDetailNotes } from "@/components/hosts/host-detail-notes";
import { HostDetailOverview } from "@/components/hosts/host-detail-overview";
import { HostDetailPackages } from "@/components/hosts/host-detail-packages";
import { HostDetailRefresh } from "@/components/hosts/host-detail-refresh";
import { HostDetailRepositories } from "@/components/hosts/host-detail-repositories";
import { HostDetailTabs, type HostTab, parseHostTab } from "@/components/hosts/host-detail-tabs";
import type { Actor } from "@/lib/auth/actor";
import { hasPermission, requirePermission } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/errors";
import {
  getHostAgentInfoFor,
  getHostDetailFor,
  listHostPackagesFor,
  listHostReportsFor,
  listHostRepositoriesFor,
  NOTES_MAX_LENGTH,
} from "@/lib/hosts/detail";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Host" };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Outside the actor's scope, deleted meanwhile or a malformed id: the not-found page, never a 403. */
async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

type Loaded = Awaited<ReturnType<typeof getHostDetailFor>>;

// Only the open tab's data is loaded: one host's packages can run to thousands of rows.
async function TabContent({
  actor,
  tab,
  loaded,
  query,
  now,
}: {
  actor: Actor;
  tab: HostTab;
  loaded: Loaded;
  query: Record<string, string | undefined>;
  now: number;
}) {
  const { host, facts } = loaded;
  const canManage = hasPermission(actor, "can_manage_hosts");
  switch (tab) {
    case "packages": {
      const page = await orNotFound(listHostPackagesFor(actor, host.id, query));
      return <HostDetailPackages hostId={host.id} {...page} now={now} />;
    }
    case "repositories":
      return (
        <HostDetailRepositories rows={await orNotFound(listHostRepositoriesFor(actor, host.id))} now={now} />
      );
    case "history": {
      const page = await orNotFound(listHostReportsFor(actor, host.id, { page: query.page }));
      return <HostDetailHistory hostId={host.id} {...page} now={now} />;
    }
    case "notes":
      return (
        <HostDetailNotes
          hostId={host.id}
          notes={facts.notes}
          maxLength={NOTES_MAX_LENGTH}
          canManage={canManage}
        />
      );
    case "agent": {
      const info = await orNotFound(getHostAgentInfoFor(actor, host.id));
      return <HostDetailAgent host={host} {...info} canManage={canManage} now={now} />;
    }
    default:
      return <HostDetailOverview host={host} facts={facts} />;
  }
}

export default async function HostDetailPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const actor = await requirePermission("can_view_hosts");
  const { id } = await params;
  const raw = await searchParams;
  const loaded = await orNotFound(getHostDetailFor(actor, id));
  const tab = parseHostTab(first(raw.tab));
  const query = { filter: first(raw.filter), search: first(raw.search), page: first(raw.page) };
  const now = Date.now();
  const { host, facts } = loaded;
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <HostDetailHeader host={{ ...host, rebootReason: facts.rebootReason }} now={now} />
      {host.lastReportStatus === "failed" && facts.lastReportError ? (
        <p
          className="rounded-lg border border-destructive/50 bg-destructive/5 p-3 text-destructive text-sm"
          data-testid="host-report-error"
        >
          Last report failed: {facts.lastReportError}
        </p>
      ) : null}
      <HostDetailTabs hostId={host.id} active={tab} counts={{ packages: host.totalPackages }} />
      <TabContent actor={actor} tab={tab} loaded={loaded} query={query} now={now} />
      <HostDetailRefresh />
    </div>
  );
}
