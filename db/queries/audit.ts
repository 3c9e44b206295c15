import { and, count, desc, eq, gte, ilike, lte, or, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { auditLog, type NewAuditLogEntry } from "@/db/schema";

export async function insertAuditEntry(entry: NewAuditLogEntry, db: Executor = getDb()): Promise<void> {
  await db.insert(auditLog).values(entry);
}

export type AuditFilter = {
  action?: string;
  actorUserId?: string;
  search?: string;
  from?: Date;
  to?: Date;
};

export type AuditPage = {
  rows: (typeof auditLog.$inferSelect)[];
  total: number;
};

/** One page of the audit log, newest first, filtered in SQL. */
export async function listAuditEntries(
  filter: AuditFilter,
  page: { limit: number; offset: number },
  db: Executor = getDb(),
): Promise<AuditPage> {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actorUserId) conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (filter.from) conditions.push(gte(auditLog.createdAt, filter.from));
  if (filter.to) conditions.push(lte(auditLog.createdAt, filter.to));
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // details holds names (the user a change was about), so searching a username finds it.
    const match = or(
      ilike(auditLog.actorLabel, pattern),
      ilike(auditLog.action, pattern),
      ilike(auditLog.targetId, pattern),
      sql`${auditLog.details}::text ilike ${pattern}`,
    );
    if (match) conditions.push(match);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.createdAt))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
