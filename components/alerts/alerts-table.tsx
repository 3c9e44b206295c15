"use client";

import { BellOff } from "lucide-react";
import Link from "next/link";
import { useState } from "react";

import { acknowledgeAlertsAction, resolveAlertsAction } from "@/app/(app)/alerts/actions";
import { LocalTime } from "@/components/profile/local-time";
import { Checkbox } from "@/components/ui/checkbox";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { SeverityBadge, StatusBadge } from "./alert-badges";
import { ConfirmButton } from "./confirm-button";
import { alertTypeLabel } from "./labels";
import type { AlertRowView } from "./types";
import { useRunAction } from "./use-run-action";

const plural = (n: number) => `${n} alert${n === 1 ? "" : "s"}`;

/** The alert list with row checkboxes and bulk acknowledge/resolve (for those who may manage). */
export function AlertsTable({ alerts, canManage }: { alerts: AlertRowView[]; canManage: boolean }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { pending, run } = useRunAction();
  if (alerts.length === 0) {
    return (
      <div
        className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-10 text-center"
        data-testid="alerts-empty"
      >
        <BellOff className="size-8 text-muted-foreground" aria-hidden />
        <p className="font-medium">No alerts match these filters.</p>
      </div>
    );
  }
  // Only rows still on this page count (a refresh may have changed it).
  const ids = alerts.map((alert) => alert.id).filter((id) => selected.has(id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allOn = ids.length === alerts.length;
  const clear = () => setSelected(new Set());

  return (
    <div className="flex flex-col gap-3">
      {canManage ? (
        <div className="flex flex-wrap items-center gap-2" data-testid="alerts-bulk-bar">
          <span className="text-muted-foreground text-sm" data-testid="alerts-selected-count">
            {ids.length} selected
          </span>
          <ConfirmButton
            testId="alerts-acknowledge"
            disabled={ids.length === 0 || pending}
            title={`Acknowledge ${plural(ids.length)}?`}
            description="Acknowledged alerts stay unresolved; you are recorded as the one who acknowledged them."
            confirmLabel="Acknowledge"
            onConfirm={() =>
              run(acknowledgeAlertsAction, { ids }, (d) => `Acknowledged ${plural(d.count)}.`, clear)
            }
          >
            Acknowledge
          </ConfirmButton>
          <ConfirmButton
            testId="alerts-resolve"
            disabled={ids.length === 0 || pending}
            title={`Resolve ${plural(ids.length)}?`}
            description="Resolved alerts leave the open count. A condition that still holds may raise a new alert."
            confirmLabel="Resolve"
            onConfirm={() => run(resolveAlertsAction, { ids }, (d) => `Resolved ${plural(d.count)}.`, clear)}
          >
            Resolve
          </ConfirmButton>
        </div>
      ) : null}
      <div className="rounded-lg border">
        <Table data-testid="alerts-table">
          <TableHeader>
            <TableRow>
              {canManage ? (
                <TableHead className="w-10">
                  <Checkbox
                    aria-label="Select all alerts on this page"
                    checked={allOn}
                    onCheckedChange={(on) =>
                      setSelected(on === true ? new Set(alerts.map((a) => a.id)) : new Set())
                    }
                    data-testid="alerts-select-all"
                  />
                </TableHead>
              ) : null}
              <TableHead>Severity</TableHead>
              <TableHead>Alert</TableHead>
              <TableHead>Host</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Assignee</TableHead>
              <TableHead>Raised</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {alerts.map((alert) => (
              <TableRow key={alert.id} data-testid="alert-row" data-alert-id={alert.id}>
                {canManage ? (
                  <TableCell>
                    <Checkbox
                      aria-label={`Select ${alert.title}`}
                      checked={selected.has(alert.id)}
                      onCheckedChange={(on) => toggle(alert.id, on === true)}
                      data-testid="alert-select"
                    />
                  </TableCell>
                ) : null}
                <TableCell>
                  <SeverityBadge severity={alert.severity} />
                </TableCell>
                <TableCell>
                  <Link
                    href={`/alerts/${alert.id}`}
                    className="font-medium hover:underline"
                    data-testid="alert-link"
                  >
                    {alert.title}
                  </Link>
                  <div className="text-muted-foreground text-xs">{alertTypeLabel(alert.type)}</div>
                </TableCell>
                <TableCell>{alert.hostName ?? <span className="text-muted-foreground">—</span>}</TableCell>
                <TableCell>
                  <StatusBadge status={alert.status} />
                </TableCell>
                <TableCell>
                  {alert.assigneeUsername ?? <span className="text-muted-foreground">Unassigned</span>}
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <LocalTime value={alert.createdAt} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
