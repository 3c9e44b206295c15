// What the Alerts page calls. Authorization is the caller's: these functions take the acting user
// (null for the system or an API token without a user) and record it, nothing more.

import { z } from "zod";
import type { AlertVisibility } from "@/db/queries/alert-visibility";
import {
  type AlertListRow,
  acknowledgeAlertsByIds,
  countUnresolvedAlerts,
  getAlertById,
  insertAlertComment,
  listAlertComments,
  listAlerts as listAlertRows,
  resolveAlertsByIds,
  setAlertAssignee,
} from "@/db/queries/alerts";
import type { Alert, AlertComment } from "@/db/schema";
import { type ListAlertsInput, listAlertsSchema } from "./types";

export type AlertPage = { rows: AlertListRow[]; total: number; page: number; pageSize: number };

export type { AlertVisibility };

/** `visibility` limits the alerts to a user's host scope; absent, every alert (the system). */
export async function listAlerts(
  input: ListAlertsInput = {},
  visibility?: AlertVisibility,
): Promise<AlertPage> {
  const filter = listAlertsSchema.parse(input);
  const { rows, total } = await listAlertRows({
    type: filter.type,
    severity: filter.severity,
    status: filter.status,
    hostId: filter.hostId,
    hostGroupId: filter.hostGroupId,
    visibility,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return { rows, total, page: filter.page, pageSize: filter.pageSize };
}

export type AlertDetail = Alert & { comments: Array<AlertComment & { username: string | null }> };

export async function getAlert(id: string, visibility?: AlertVisibility): Promise<AlertDetail | null> {
  const alert = await getAlertById(z.uuid().parse(id), visibility);
  if (!alert) return null;
  return { ...alert, comments: await listAlertComments(alert.id) };
}

const idsSchema = z.array(z.uuid()).max(1000);

/** Open alerts become acknowledged; returns the ids that changed (others were not open). */
export function acknowledgeAlerts(ids: string[], actorUserId: string | null): Promise<string[]> {
  return acknowledgeAlertsByIds(idsSchema.parse(ids), actorUserId);
}

/** Unresolved alerts become resolved by the actor; returns the ids that changed. */
export async function resolveAlerts(ids: string[], actorUserId: string | null): Promise<string[]> {
  const parsed = idsSchema.parse(ids);
  if (parsed.length === 0) return [];
  const rows = await resolveAlertsByIds(parsed, actorUserId);
  return rows.map((row) => row.id);
}

/** Sets or clears (null) the assignee; false when the alert does not exist. */
export function assignAlert(
  id: string,
  assigneeUserId: string | null,
  _actorUserId: string | null,
): Promise<boolean> {
  return setAlertAssignee(
    z.uuid().parse(id),
    assigneeUserId === null ? null : z.uuid().parse(assigneeUserId),
  );
}

export const alertCommentSchema = z.object({ body: z.string().trim().min(1).max(5000) });

export async function commentOnAlert(
  id: string,
  body: string,
  actorUserId: string | null,
): Promise<AlertComment> {
  const parsed = alertCommentSchema.parse({ body });
  return insertAlertComment({ alertId: z.uuid().parse(id), userId: actorUserId, body: parsed.body });
}

/** For the navigation badge. */
export function countOpenAlerts(visibility?: AlertVisibility): Promise<number> {
  return countUnresolvedAlerts(visibility);
}
