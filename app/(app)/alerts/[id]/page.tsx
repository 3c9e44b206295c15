import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { AlertActions } from "@/components/alerts/alert-actions";
import { SeverityBadge, StatusBadge } from "@/components/alerts/alert-badges";
import { AlertComments } from "@/components/alerts/alert-comments";
import { alertTypeLabel } from "@/components/alerts/labels";
import { LocalTime } from "@/components/profile/local-time";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { getAlertFor, listAssigneeChoicesFor } from "@/lib/alerts/access";
import { hasPermission, requirePermission } from "@/lib/auth/guard";
import { NotFoundError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Alert" };

const iso = (value: Date | null) => value?.toISOString() ?? null;

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("can_view_hosts");
  const { id } = await params;
  // Out of scope and nonexistent look the same.
  const alert = await getAlertFor(actor, id).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const canManage = hasPermission(actor, "can_manage_hosts");
  const assignees = canManage ? await listAssigneeChoicesFor(actor) : [];
  const by = (userId: string | null) => (userId && userId === actor.userId ? " by you" : "");
  const facts: [string, React.ReactNode][] = [
    ["Type", alertTypeLabel(alert.type)],
    ["Severity", <SeverityBadge key="s" severity={alert.severity} />],
    ["Status", <StatusBadge key="t" status={alert.status} />],
    ["Raised", <LocalTime key="r" value={iso(alert.createdAt)} />],
    [
      "Acknowledged",
      <span key="a">
        <LocalTime value={iso(alert.acknowledgedAt)} fallback="Not yet" />
        {alert.acknowledgedAt ? by(alert.acknowledgedByUserId) : ""}
      </span>,
    ],
    [
      "Resolved",
      <span key="v">
        <LocalTime value={iso(alert.resolvedAt)} fallback="Not yet" />
        {alert.resolvedAt ? (alert.resolvedByUserId ? by(alert.resolvedByUserId) : " automatically") : ""}
      </span>,
    ],
  ];

  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6" data-testid="alert-detail">
      <div>
        <Button asChild variant="ghost" size="sm">
          <Link href="/alerts" data-testid="alert-back">
            <ArrowLeft aria-hidden /> All alerts
          </Link>
        </Button>
      </div>
      <PageHeader title={alert.title} description={alert.message ?? undefined} />
      <Card>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-3">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-muted-foreground text-xs">{label}</dt>
                <dd className="text-sm">{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      {canManage ? (
        <AlertActions
          alertId={alert.id}
          status={alert.status}
          assigneeUserId={alert.assignedToUserId}
          assignees={assignees}
        />
      ) : null}
      <AlertComments
        alertId={alert.id}
        canComment={canManage}
        comments={alert.comments.map((comment) => ({
          id: comment.id,
          username: comment.username,
          body: comment.body,
          createdAt: comment.createdAt.toISOString(),
        }))}
      />
    </div>
  );
}
