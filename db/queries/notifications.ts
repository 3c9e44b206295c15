// Notification channels, rules and the delivery log.
import { and, desc, eq, gte, inArray, isNull, lt, lte, type SQL, sql } from "drizzle-orm";
import { type Executor, executeRows, getDb, getDbHandle } from "@/db/client";
import {
  type Alert,
  alerts,
  hostGroupMemberships,
  hosts,
  type NewNotificationChannel,
  type NewNotificationRule,
  type NotificationChannel,
  type NotificationDelivery,
  type NotificationRule,
  notificationChannels,
  notificationDeliveries,
  notificationRules,
} from "@/db/schema";
import { ALERT_SEVERITIES, type AlertSeverity } from "@/db/schema/enums";

export async function insertChannel(values: NewNotificationChannel, db: Executor = getDb()) {
  const [row] = await db.insert(notificationChannels).values(values).returning();
  if (!row) throw new Error("channel insert returned no row");
  return row;
}

export async function updateChannel(
  id: string,
  values: Partial<NewNotificationChannel>,
  db: Executor = getDb(),
): Promise<NotificationChannel | undefined> {
  const [row] = await db
    .update(notificationChannels)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(notificationChannels.id, id))
    .returning();
  return row;
}

export async function deleteChannel(id: string, db: Executor = getDb()): Promise<boolean> {
  const rows = await db.delete(notificationChannels).where(eq(notificationChannels.id, id)).returning();
  return rows.length > 0;
}

export async function getChannelById(id: string, db: Executor = getDb()) {
  const [row] = await db.select().from(notificationChannels).where(eq(notificationChannels.id, id));
  return row;
}

export function listChannelRows(db: Executor = getDb()): Promise<NotificationChannel[]> {
  return db.select().from(notificationChannels).orderBy(notificationChannels.name);
}

export async function insertRule(values: NewNotificationRule, db: Executor = getDb()) {
  const [row] = await db.insert(notificationRules).values(values).returning();
  if (!row) throw new Error("rule insert returned no row");
  return row;
}

export async function updateRule(id: string, values: Partial<NewNotificationRule>, db: Executor = getDb()) {
  const [row] = await db
    .update(notificationRules)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(notificationRules.id, id))
    .returning();
  return row;
}

export async function deleteRule(id: string, db: Executor = getDb()): Promise<boolean> {
  const rows = await db.delete(notificationRules).where(eq(notificationRules.id, id)).returning();
  return rows.length > 0;
}

export function listRules(db: Executor = getDb()): Promise<NotificationRule[]> {
  return db.select().from(notificationRules).orderBy(notificationRules.name);
}

/**
 * Enabled rules on enabled channels; `digest` picks the digest rules or the immediate ones.
 * lastDigestAt is per channel: a channel gets at most one digest per period whatever its rules.
 */
export async function listActiveRules(
  digest: boolean,
  db: Executor = getDb(),
): Promise<Array<NotificationRule & { lastDigestAt: Date | null }>> {
  const rows = await db
    .select({
      rule: notificationRules,
      lastDigestAt: sql<string | null>`(select max(d.created_at) from notification_deliveries d
        where d.channel_id = ${notificationRules.channelId} and d.payload->>'event' = 'digest')`,
    })
    .from(notificationRules)
    .innerJoin(notificationChannels, eq(notificationChannels.id, notificationRules.channelId))
    .where(
      and(
        eq(notificationRules.enabled, true),
        eq(notificationChannels.enabled, true),
        digest
          ? sql`${notificationRules.digestMinutes} is not null`
          : isNull(notificationRules.digestMinutes),
      ),
    );
  return rows.map((row) => ({
    ...row.rule,
    lastDigestAt: row.lastDigestAt ? new Date(row.lastDigestAt) : null,
  }));
}

export async function listHostGroupIds(
  hostIds: string[],
  db: Executor = getDb(),
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (hostIds.length === 0) return map;
  const rows = await db
    .select({ hostId: hostGroupMemberships.hostId, groupId: hostGroupMemberships.hostGroupId })
    .from(hostGroupMemberships)
    .where(inArray(hostGroupMemberships.hostId, hostIds));
  for (const row of rows) map.set(row.hostId, [...(map.get(row.hostId) ?? []), row.groupId]);
  return map;
}

export async function listHostNames(hostIds: string[], db: Executor = getDb()): Promise<Map<string, string>> {
  if (hostIds.length === 0) return new Map();
  const rows = await db
    .select({ id: hosts.id, name: hosts.friendlyName })
    .from(hosts)
    .where(inArray(hosts.id, hostIds));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Alerts created in (since, until] that a digest rule covers, with their host names. */
export async function listAlertsForDigest(
  rule: Pick<NotificationRule, "alertTypes" | "minSeverity" | "hostGroupIds">,
  since: Date,
  until: Date,
  db: Executor = getDb(),
): Promise<Array<{ alert: Alert; hostName: string | null }>> {
  const severities = ALERT_SEVERITIES.slice(ALERT_SEVERITIES.indexOf(rule.minSeverity)) as AlertSeverity[];
  const groupFilter: SQL | undefined =
    rule.hostGroupIds.length > 0
      ? inArray(
          alerts.hostId,
          db
            .select({ id: hostGroupMemberships.hostId })
            .from(hostGroupMemberships)
            .where(inArray(hostGroupMemberships.hostGroupId, rule.hostGroupIds)),
        )
      : undefined;
  return db
    .select({ alert: alerts, hostName: hosts.friendlyName })
    .from(alerts)
    .leftJoin(hosts, eq(hosts.id, alerts.hostId))
    .where(
      and(
        sql`${alerts.createdAt} > ${since.toISOString()}::timestamptz`,
        lte(alerts.createdAt, until),
        inArray(alerts.severity, severities),
        rule.alertTypes.length > 0 ? inArray(alerts.type, rule.alertTypes) : undefined,
        groupFilter,
      ),
    )
    .orderBy(alerts.createdAt)
    .limit(500);
}

export async function insertDeliveries(
  rows: Array<{
    channelId: string;
    ruleId: string | null;
    alertId: string | null;
    payload: Record<string, unknown>;
  }>,
  db: Executor = getDb(),
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(notificationDeliveries)
    .values(rows)
    .returning({ id: notificationDeliveries.id });
  return inserted.map((row) => row.id);
}

export async function getDeliveryById(id: string, db: Executor = getDb()) {
  const [row] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, id));
  return row;
}

/** Counts an attempt of a delivery that is not sent yet; undefined when it is sent (or gone). */
/**
 * Runs `work` holding a per-delivery lock no other process can take at the same time; undefined
 * when another attempt holds it (a job BullMQ thought stalled and started again, say), so one
 * message is never sent twice at once. PGlite serves one process: nothing to lock against.
 */
export async function withDeliveryLock<T>(id: string, work: () => Promise<T>): Promise<T | undefined> {
  if (getDbHandle().kind !== "postgres") return work();
  return getDb().transaction(async (tx) => {
    const [row] = await executeRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext('notification-delivery'), hashtext(${id})) as locked`,
    );
    return row?.locked ? work() : undefined;
  });
}

export async function beginDeliveryAttempt(id: string, db: Executor = getDb()): Promise<number | undefined> {
  const [row] = await db
    .update(notificationDeliveries)
    .set({ attempts: sql`${notificationDeliveries.attempts} + 1` })
    .where(and(eq(notificationDeliveries.id, id), sql`${notificationDeliveries.status} <> 'sent'`))
    .returning({ attempts: notificationDeliveries.attempts });
  return row?.attempts;
}

export async function finishDeliveryAttempt(
  id: string,
  outcome: { status: "sent" | "pending" | "failed"; error: string | null },
  db: Executor = getDb(),
): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({
      status: outcome.status,
      error: outcome.error,
      sentAt: outcome.status === "sent" ? new Date() : null,
    })
    .where(eq(notificationDeliveries.id, id));
}

/** Deliveries never attempted since before `cutoff` (their enqueue was lost, e.g. Redis was away). */
export async function listUnattemptedDeliveries(cutoff: Date, db: Executor = getDb()): Promise<string[]> {
  const rows = await db
    .select({ id: notificationDeliveries.id })
    .from(notificationDeliveries)
    .where(
      and(
        eq(notificationDeliveries.status, "pending"),
        eq(notificationDeliveries.attempts, 0),
        lt(notificationDeliveries.createdAt, cutoff),
        gte(notificationDeliveries.createdAt, new Date(cutoff.getTime() - 86_400_000)),
      ),
    )
    .limit(500);
  return rows.map((row) => row.id);
}

export async function listDeliveryRows(
  filter: { channelId?: string; status?: "pending" | "sent" | "failed"; limit: number; offset: number },
  db: Executor = getDb(),
): Promise<{ rows: Array<NotificationDelivery & { channelName: string }>; total: number }> {
  const rows = await db
    .select({
      delivery: notificationDeliveries,
      channelName: notificationChannels.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(notificationDeliveries)
    .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
    .where(
      and(
        filter.channelId ? eq(notificationDeliveries.channelId, filter.channelId) : undefined,
        filter.status ? eq(notificationDeliveries.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
    .limit(filter.limit)
    .offset(filter.offset);
  return {
    rows: rows.map((row) => ({ ...row.delivery, channelName: row.channelName })),
    total: rows[0]?.total ?? 0,
  };
}
