import { Settings } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { ChannelList } from "@/components/notifications/channel-list";
import { DeliveryLog } from "@/components/notifications/delivery-log";
import { RuleList } from "@/components/notifications/rule-list";
import {
  NOTIFICATION_TABS,
  type NotificationTab,
  SettingsTabs,
} from "@/components/notifications/settings-tabs";
import type { ChannelRow } from "@/components/notifications/types";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/users/pagination";
import { requirePermission } from "@/lib/auth/guard";
import {
  listChannelsFor,
  listDeliveriesFor,
  listRuleHostGroupChoicesFor,
  listRulesFor,
} from "@/lib/notifications/access";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Notifications" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

async function Deliveries({ page }: { page: number }) {
  const actor = await requirePermission("can_manage_settings");
  if (actor.hostGroupScope !== null) {
    return (
      <p className="text-muted-foreground text-sm" data-testid="deliveries-fleet-only">
        The delivery log covers the whole fleet; accounts limited to host groups cannot see it.
      </p>
    );
  }
  const log = await listDeliveriesFor(actor, { page, pageSize: 25 });
  return (
    <section className="flex flex-col gap-3" aria-label="Delivery log">
      <DeliveryLog
        deliveries={log.rows.map((row) => ({
          id: row.id,
          channelName: row.channelName,
          title: row.title,
          status: row.status,
          attempts: row.attempts,
          error: row.error,
          createdAt: row.createdAt.toISOString(),
          sentAt: row.sentAt?.toISOString() ?? null,
        }))}
      />
      <Pagination
        basePath="/settings/notifications"
        params={{ tab: "deliveries" }}
        page={log.page}
        pageSize={log.pageSize}
        total={log.total}
      />
    </section>
  );
}

export default async function NotificationsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("can_manage_settings");
  const raw = await searchParams;
  const requested = first(raw.tab);
  const tab: NotificationTab = NOTIFICATION_TABS.some((t) => t.value === requested)
    ? (requested as NotificationTab)
    : "channels";
  const page = Math.max(1, Number.parseInt(first(raw.page) ?? "1", 10) || 1);
  const channels = await listChannelsFor(actor);
  const channelRows: ChannelRow[] = channels.map((channel) => ({
    id: channel.id,
    name: channel.name,
    type: channel.type,
    enabled: channel.enabled,
    config: channel.config,
    secrets: channel.secrets,
  }));

  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6">
      <PageHeader
        title="Notifications"
        description="Where alerts are sent, which ones, and what was delivered."
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href="/settings/alerts" data-testid="alert-settings-link">
              <Settings aria-hidden /> Alert settings
            </Link>
          </Button>
        }
      />
      <SettingsTabs active={tab} />
      {tab === "channels" ? <ChannelList channels={channelRows} /> : null}
      {tab === "rules" ? (
        <RuleList
          rules={await listRulesFor(actor)}
          channels={channels.map((channel) => ({ id: channel.id, name: channel.name }))}
          hostGroups={await listRuleHostGroupChoicesFor(actor)}
        />
      ) : null}
      {tab === "deliveries" ? <Deliveries page={page} /> : null}
    </div>
  );
}
