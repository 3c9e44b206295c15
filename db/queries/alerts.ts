// Alerts: raising (deduplicated), resolving, the paginated list and operator actions.
import { and, asc, desc, eq, getTableColumns, inArray, ne, notInArray, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import {
  type Alert,
  type AlertComment,
  type AlertSetting,
  alertComments,
  alertSettings,
  alerts,
  hostGroupMemberships,
  hosts,
  users,
} from "@/db/schema";
import type { AlertSeverity, AlertStatus, HostStatus } from "@/db/schema/enums";
import { type AlertVisibility, visibleAlerts } from "./alert-visibility";

export type NewAlertRow = {
  type: string;
  severity: AlertSeverity;
  hostId: string | null;
  title: string;
  message: string;
  metadata?: Record<string, unknown>;
  dedupKey: string;
};

/**
 * Inserts the alerts that are not already open. With `once`, a dedup key that was ever used (even
 * resolved) is not raised again. Returns the inserted rows.
 */
export async function insertAlerts(
  rows: NewAlertRow[],
  options: { once: boolean },
  db: Executor = getDb(),
): Promise<Alert[]> {
  let candidates = rows;
  if (options.once && rows.length > 0) {
    const keys = rows.map((row) => row.dedupKey);
    const used = await db.select({ key: alerts.dedupKey }).from(alerts).where(inArray(alerts.dedupKey, keys));
    const seen = new Set(used.map((row) => row.key));
    candidates = rows.filter((row) => !seen.has(row.dedupKey));
  }
  if (candidates.length === 0) return [];
  return db
    .insert(alerts)
    .values(candidates)
    .onConflictDoNothing({ target: alerts.dedupKey, where: sql`${alerts.status} <> 'resolved'` })
    .returning();
}

/** Resolves the unresolved alerts matching `where` (the system resolves with a null actor). */
export async function resolveAlertsWhere(
  where: SQL | undefined,
  actorUserId: string | null,
  db: Executor = getDb(),
): Promise<Alert[]> {
  const now = new Date();
  return db
    .update(alerts)
    .set({ status: "resolved", resolvedAt: now, resolvedByUserId: actorUserId, updatedAt: now })
    .where(and(ne(alerts.status, "resolved"), where))
    .returning();
}

export function resolveAlertsByIds(
  ids: string[],
  actorUserId: string | null,
  db: Executor = getDb(),
): Promise<Alert[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return resolveAlertsWhere(inArray(alerts.id, ids), actorUserId, db);
}

export type ResolveFilter = {
  type: string;
  /** Keep these conditions open (they still hold). */
  exceptDedupKeys?: string[];
};

/** Resolves (as the system) the unresolved alerts of one type that match the filter. */
export function resolveAlerts(filter: ResolveFilter, db: Executor = getDb()): Promise<Alert[]> {
  return resolveAlertsWhere(
    and(
      eq(alerts.type, filter.type),
      filter.exceptDedupKeys?.length ? notInArray(alerts.dedupKey, filter.exceptDedupKeys) : undefined,
    ),
    null,
    db,
  );
}

/**
 * Resolves unresolved alerts of `type` whose host is in one of `hostStatuses` (optionally only
 * `hostId`), or, with `needsReboot: false`, whose host no longer needs a reboot. One statement.
 */
export async function resolveAlertsByHostCondition(
  filter: { type: string; hostStatuses?: HostStatus[]; needsReboot?: boolean; hostId?: string },
  db: Executor = getDb(),
): Promise<Alert[]> {
  const now = new Date();
  const rows = await db
    .update(alerts)
    .set({ status: "resolved", resolvedAt: now, resolvedByUserId: null, updatedAt: now })
    .from(hosts)
    .where(
      and(
        eq(hosts.id, alerts.hostId),
        eq(alerts.type, filter.type),
        ne(alerts.status, "resolved"),
        filter.hostId ? eq(alerts.hostId, filter.hostId) : undefined,
        filter.hostStatuses ? inArray(hosts.status, filter.hostStatuses) : undefined,
        filter.needsReboot === undefined ? undefined : eq(hosts.needsReboot, filter.needsReboot),
      ),
    )
    .returning(getTableColumns(alerts));
  return rows;
}

export type AlertListFilter = {
  type?: string;
  severity?: AlertSeverity;
  status?: AlertStatus;
  hostId?: string;
  hostGroupId?: string;
  visibility?: AlertVisibility;
  limit: number;
  offset: number;
};

export type AlertListRow = Alert & { hostName: string | null; assigneeUsername: string | null };

/** One page of alerts, newest first, with the total matching the filter (one statement). */
export async function listAlerts(
  filter: AlertListFilter,
  db: Executor = getDb(),
): Promise<{ rows: AlertListRow[]; total: number }> {
  const where = and(
    filter.type ? eq(alerts.type, filter.type) : undefined,
    filter.severity ? eq(alerts.severity, filter.severity) : undefined,
    filter.status ? eq(alerts.status, filter.status) : undefined,
    filter.hostId ? eq(alerts.hostId, filter.hostId) : undefined,
    filter.hostGroupId
      ? inArray(
          alerts.hostId,
          db
            .select({ id: hostGroupMemberships.hostId })
            .from(hostGroupMemberships)
            .where(eq(hostGroupMemberships.hostGroupId, filter.hostGroupId)),
        )
      : undefined,
    visibleAlerts(filter.visibility),
  );
  const rows = await db
    .select({
      alert: alerts,
      hostName: hosts.friendlyName,
      assigneeUsername: users.username,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(alerts)
    .leftJoin(hosts, eq(hosts.id, alerts.hostId))
    .leftJoin(users, eq(users.id, alerts.assignedToUserId))
    .where(where)
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(filter.limit)
    .offset(filter.offset);
  return {
    rows: rows.map((row) => ({
      ...row.alert,
      hostName: row.hostName,
      assigneeUsername: row.assigneeUsername,
    })),
    total: rows[0]?.total ?? 0,
  };
}

export async function getAlertById(
  id: string,
  visibility?: AlertVisibility,
  db: Executor = getDb(),
): Promise<Alert | undefined> {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, id), visibleAlerts(visibility)));
  return row;
}

export async function getAlertsByIds(ids: string[], db: Executor = getDb()): Promise<Alert[]> {
  if (ids.length === 0) return [];
  return db.select().from(alerts).where(inArray(alerts.id, ids));
}

/** Open alerts among `ids` become acknowledged by the actor; returns the ids changed. */
export async function acknowledgeAlertsByIds(
  ids: string[],
  actorUserId: string | null,
  db: Executor = getDb(),
): Promise<string[]> {
  if (ids.length === 0) return [];
  const now = new Date();
  const rows = await db
    .update(alerts)
    .set({ status: "acknowledged", acknowledgedAt: now, acknowledgedByUserId: actorUserId, updatedAt: now })
    .where(and(inArray(alerts.id, ids), eq(alerts.status, "open")))
    .returning({ id: alerts.id });
  return rows.map((row) => row.id);
}

export async function setAlertAssignee(
  id: string,
  assigneeUserId: string | null,
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(alerts)
    .set({ assignedToUserId: assigneeUserId, updatedAt: new Date() })
    .where(eq(alerts.id, id))
    .returning({ id: alerts.id });
  return rows.length > 0;
}

export async function insertAlertComment(
  input: { alertId: string; userId: string | null; body: string },
  db: Executor = getDb(),
): Promise<AlertComment> {
  const [row] = await db.insert(alertComments).values(input).returning();
  if (!row) throw new Error("comment insert returned no row");
  return row;
}

export async function listAlertComments(
  alertId: string,
  db: Executor = getDb(),
): Promise<Array<AlertComment & { username: string | null }>> {
  const rows = await db
    .select({ comment: alertComments, username: users.username })
    .from(alertComments)
    .leftJoin(users, eq(users.id, alertComments.userId))
    .where(eq(alertComments.alertId, alertId))
    .orderBy(asc(alertComments.createdAt));
  return rows.map((row) => ({ ...row.comment, username: row.username }));
}

/** Open and acknowledged alerts, for the navigation badge. */
export async function countUnresolvedAlerts(
  visibility?: AlertVisibility,
  db: Executor = getDb(),
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(alerts)
    .where(and(ne(alerts.status, "resolved"), visibleAlerts(visibility)));
  return row?.count ?? 0;
}

export async function listAlertSettingRows(db: Executor = getDb()): Promise<AlertSetting[]> {
  return db.select().from(alertSettings);
}

export async function upsertAlertSetting(
  values: Omit<AlertSetting, "updatedAt">,
  db: Executor = getDb(),
): Promise<void> {
  await db
    .insert(alertSettings)
    .values(values)
    .onConflictDoUpdate({ target: alertSettings.type, set: { ...values, updatedAt: new Date() } });
}
