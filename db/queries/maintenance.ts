import { and, eq, gt, isNotNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { type Executor, executeRows, getDb } from "../client";
import {
  agentCommands,
  alertHostStates,
  bootstrapTokens,
  enrolmentTokens,
  hosts,
  sessions,
  settings,
  tfaRememberedDevices,
} from "../schema";
import type { HostStatus } from "../schema/enums";
import { lockPackageCatalogue } from "./package-stats";

// DELETE inside a CTE with count(*) outside: one statement that reports how many rows went, the
// same way under postgres.js and PGlite (their raw results expose the row count differently).
async function deleteCounting(db: Executor, table: PgTable, where: SQL | undefined): Promise<number> {
  const deleted = db.$with("deleted").as(db.delete(table).where(where).returning({ one: sql<number>`1` }));
  const [row] = await db
    .with(deleted)
    .select({ count: sql<number>`count(*)::int`.mapWith(Number) })
    .from(deleted);
  return row?.count ?? 0;
}

/**
 * Sessions past their absolute expiry, idle since before `idleCutoff` (the inactivity timeout has
 * already ended them), and revoked ones (a revoked session can never be used again).
 */
export function purgeExpiredSessions(now: Date, idleCutoff: Date, db: Executor = getDb()): Promise<number> {
  return deleteCounting(
    db,
    sessions,
    or(lt(sessions.expiresAt, now), lt(sessions.lastActivityAt, idleCutoff), isNotNull(sessions.revokedAt)),
  );
}

/** "Remember this device" entries past their expiry. */
export function purgeExpiredRememberedDevices(now: Date, db: Executor = getDb()): Promise<number> {
  return deleteCounting(db, tfaRememberedDevices, lt(tfaRememberedDevices.expiresAt, now));
}

/** Bootstrap tokens that expired or were already exchanged: single-use, so either way they are dead. */
export function purgeExpiredBootstrapTokens(now: Date, db: Executor = getDb()): Promise<number> {
  return deleteCounting(
    db,
    bootstrapTokens,
    or(lt(bootstrapTokens.expiresAt, now), isNotNull(bootstrapTokens.usedAt)),
  );
}

/** Enrolment tokens past their expiry (null never expires). Hosts keep existing; their link is set null. */
export function purgeExpiredEnrolmentTokens(now: Date, db: Executor = getDb()): Promise<number> {
  return deleteCounting(db, enrolmentTokens, lt(enrolmentTokens.expiresAt, now));
}

/** Queued agent commands past their expiry become expired (the agent will never fetch them now). */
export async function expireAgentCommands(now: Date, db: Executor = getDb()): Promise<number> {
  const rows = await db
    .update(agentCommands)
    .set({ status: "expired" })
    .where(and(eq(agentCommands.status, "queued"), lt(agentCommands.expiresAt, now)))
    .returning({ id: agentCommands.id });
  return rows.length;
}

// ---- Host status monitor -------------------------------------------------------------------

/**
 * Recomputes every reporting host's status from last_contact_at and the update interval in
 * settings: stale after 2x, offline after 3x, active otherwise. Pending hosts (never reported)
 * stay pending until their first report. One statement; only changed rows are written.
 */
export async function refreshHostStatuses(
  now: Date,
  db: Executor = getDb(),
): Promise<Array<{ id: string; from: HostStatus; to: HostStatus }>> {
  const at = now.toISOString();
  return executeRows(
    db,
    sql`with computed as (
          select h.id, h.status as old_status,
            case
              when h.last_contact_at < ${at}::timestamptz - make_interval(mins => s.update_interval * 3) then 'offline'
              when h.last_contact_at < ${at}::timestamptz - make_interval(mins => s.update_interval * 2) then 'stale'
              else 'active'
            end::host_status as new_status
          from hosts h cross join settings s
          where s.id = 1 and h.last_contact_at is not null and h.status <> 'pending'
        )
        update hosts set status = c.new_status, updated_at = ${at}::timestamptz
        from computed c
        where hosts.id = c.id and hosts.status <> c.new_status
        returning hosts.id as id, c.old_status as "from", hosts.status as "to"`,
  );
}

export type HostRef = { id: string; friendlyName: string; lastContactAt: Date | null };

export async function listHostsByStatus(status: HostStatus, db: Executor = getDb()): Promise<HostRef[]> {
  return db
    .select({ id: hosts.id, friendlyName: hosts.friendlyName, lastContactAt: hosts.lastContactAt })
    .from(hosts)
    .where(eq(hosts.status, status));
}

/** Hosts that have needed a reboot since before `cutoff` (per the evaluator's state). */
export async function listHostsRebootRequiredSince(
  cutoff: Date,
  db: Executor = getDb(),
): Promise<Array<{ id: string; friendlyName: string; since: Date }>> {
  const rows = await db
    .select({ id: hosts.id, friendlyName: hosts.friendlyName, since: alertHostStates.rebootRequiredSince })
    .from(hosts)
    .innerJoin(alertHostStates, eq(alertHostStates.hostId, hosts.id))
    .where(and(eq(hosts.needsReboot, true), lt(alertHostStates.rebootRequiredSince, cutoff)));
  return rows.flatMap((row) => (row.since ? [{ ...row, since: row.since }] : []));
}

/** Active enrolment tokens expiring between now and `until`. */
export async function listEnrolmentTokensExpiring(
  now: Date,
  until: Date,
  db: Executor = getDb(),
): Promise<Array<{ id: string; name: string; expiresAt: Date }>> {
  const rows = await db
    .select({ id: enrolmentTokens.id, name: enrolmentTokens.name, expiresAt: enrolmentTokens.expiresAt })
    .from(enrolmentTokens)
    .where(
      and(
        eq(enrolmentTokens.isActive, true),
        gt(enrolmentTokens.expiresAt, now),
        lte(enrolmentTokens.expiresAt, until),
      ),
    );
  return rows.flatMap((row) => (row.expiresAt ? [{ ...row, expiresAt: row.expiresAt }] : []));
}

// ---- Orphans and version check ---------------------------------------------------------------

type Catalogue = {
  table: "packages" | "repositories";
  link: "host_packages" | "host_repositories";
  key: string;
};

/** Deletes up to `batchSize` rows of a catalogue table that no host links to any more. */
async function deleteOrphansBatch(
  { table, link, key }: Catalogue,
  batchSize: number,
  createdBefore: Date,
  db: Executor,
): Promise<number> {
  const [row] = await executeRows<{ count: number }>(
    db,
    sql`with doomed as (
          select c.id from ${sql.raw(table)} c
          where c.created_at < ${createdBefore.toISOString()}::timestamptz
            and not exists (select 1 from ${sql.raw(link)} l where l.${sql.raw(key)} = c.id)
          limit ${batchSize} for update skip locked
        ), deleted as (delete from ${sql.raw(table)} where id in (select id from doomed) returning 1)
        select count(*)::int as count from deleted`,
  );
  return Number(row?.count ?? 0);
}

/**
 * Deletes up to `batchSize` packages no host has. Packages younger than `createdBefore` are kept:
 * ingestion adds catalogue rows just before it links them to the host. host_packages has no foreign
 * key (migration 0006), so the batch runs under a SHARE lock on it: it waits for the reports being
 * written, and reports wait for it, so none can link a package while it is deleted; a report whose
 * catalogue row went meanwhile adds it again (lib/agent/ingest.ts).
 */
export function deleteOrphanPackagesBatch(batchSize: number, createdBefore: Date, db: Executor = getDb()) {
  return db.transaction(async (tx) => {
    await lockPackageCatalogue(tx);
    await tx.execute(sql`lock table host_packages in share mode`);
    return deleteOrphansBatch(
      { table: "packages", link: "host_packages", key: "package_id" },
      batchSize,
      createdBefore,
      tx,
    );
  });
}

export function deleteOrphanRepositoriesBatch(
  batchSize: number,
  createdBefore: Date,
  db: Executor = getDb(),
) {
  return deleteOrphansBatch(
    { table: "repositories", link: "host_repositories", key: "repository_id" },
    batchSize,
    createdBefore,
    db,
  );
}

export async function recordLatestVersion(
  version: string,
  checkedAt: Date,
  db: Executor = getDb(),
): Promise<void> {
  await db
    .update(settings)
    .set({ latestVersion: version, versionCheckedAt: checkedAt })
    .where(eq(settings.id, 1));
}
