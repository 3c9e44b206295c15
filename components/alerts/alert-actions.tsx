"use client";

import { useState } from "react";

import { acknowledgeAlertsAction, assignAlertAction, resolveAlertsAction } from "@/app/(app)/alerts/actions";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ConfirmButton } from "./confirm-button";
import { useRunAction } from "./use-run-action";

/** Acknowledge, resolve and assign one alert (detail page). */
export function AlertActions({
  alertId,
  status,
  assigneeUserId,
  assignees,
}: {
  alertId: string;
  status: string;
  assigneeUserId: string | null;
  assignees: { id: string; name: string }[];
}) {
  const { pending, run } = useRunAction();
  const [assignee, setAssignee] = useState(assigneeUserId ?? "none");
  const known = assignee === "none" || assignees.some((user) => user.id === assignee);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="alert-actions">
      {status === "open" ? (
        <ConfirmButton
          testId="alert-acknowledge"
          disabled={pending}
          title="Acknowledge this alert?"
          description="It stays unresolved; you are recorded as the one who acknowledged it."
          confirmLabel="Acknowledge"
          onConfirm={() => run(acknowledgeAlertsAction, { ids: [alertId] }, "Alert acknowledged.")}
        >
          Acknowledge
        </ConfirmButton>
      ) : null}
      {status !== "resolved" ? (
        <ConfirmButton
          testId="alert-resolve"
          disabled={pending}
          title="Resolve this alert?"
          description="It leaves the open count. A condition that still holds may raise a new alert."
          confirmLabel="Resolve"
          onConfirm={() => run(resolveAlertsAction, { ids: [alertId] }, "Alert resolved.")}
        >
          Resolve
        </ConfirmButton>
      ) : null}
      <div className="flex items-center gap-2">
        <Select value={assignee} onValueChange={setAssignee}>
          <SelectTrigger className="w-48" aria-label="Assignee" data-testid="alert-assignee">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="none">Unassigned</SelectItem>
            {/* Someone this viewer may not list is shown as such, not dropped. */}
            {known ? null : <SelectItem value={assignee}>Another user</SelectItem>}
            {assignees.map((user) => (
              <SelectItem key={user.id} value={user.id}>
                {user.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Button
          variant="secondary"
          size="sm"
          disabled={pending || assignee === (assigneeUserId ?? "none")}
          data-testid="alert-assign"
          onClick={() =>
            run(assignAlertAction, { alertId, assigneeUserId: assignee }, (d) =>
              d.assigned ? "Alert assigned." : "Alert unassigned.",
            )
          }
        >
          Assign
        </Button>
      </div>
    </div>
  );
}
