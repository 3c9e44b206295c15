// What a report is compared against: the host row as ingestion reads it, locked in the report's
// transaction (lockHostForReport), unlocked with the package digest (readHostForReport), or in the
// statement that authenticates the agent (readReportHostByApiId).
import { eq, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { hosts } from "../schema";
import type { HostCredentialsRow } from "./hosts";

export const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(value as string | Date);

export type LockedHost = {
  packagesHash: string | null;
  updateIntervalApplied: number | null;
  updateInterval: number;
  updatesCount: number;
  securityUpdatesCount: number;
  totalPackages: number;
  /** What the alert conditions depend on, as stored before this report. */
  status: string;
  lastReportStatus: string | null;
  needsReboot: boolean;
  agentVersion: string | null;
  /** When the host's alert conditions were last evaluated (null: never). */
  alertsEvaluatedAt: Date | null;
  /** set_config's answer ("off"); selected for its effect on this transaction. */
  asynchronousCommit: string;
};

const reportHostFields = {
  packagesHash: hosts.packagesHash,
  updateIntervalApplied: hosts.updateIntervalApplied,
  updateInterval: sql<number>`(select update_interval from settings where id = 1)`.mapWith(Number),
  updatesCount: hosts.updatesCount,
  securityUpdatesCount: hosts.securityUpdatesCount,
  totalPackages: hosts.totalPackages,
  status: hosts.status,
  lastReportStatus: hosts.lastReportStatus,
  needsReboot: hosts.needsReboot,
  agentVersion: hosts.agentVersion,
  alertsEvaluatedAt:
    sql<Date | null>`(select s.updated_at from alert_host_states s where s.host_id = ${hosts.id})`.mapWith(
      toDate,
    ),
};

/**
 * Locks the host row for the rest of the transaction (reports of one host serialise on it; every
 * writer of a host's packages takes it first) and reads what ingestion compares against.
 *
 * It also turns synchronous_commit off for this transaction: the commit returns before its WAL
 * reaches the disk, so reports do not queue behind fsyncs. A crash of PostgreSQL can then lose the
 * reports of its last fraction of a second, never consistency; the agent's next report restores
 * them (its hash no longer matches, so the server asks for the full list).
 */
export async function lockHostForReport(hostId: string, tx: Executor): Promise<LockedHost | undefined> {
  const [row] = await tx
    .select({
      ...reportHostFields,
      asynchronousCommit: sql<string>`set_config('synchronous_commit', 'off', true)`,
    })
    .from(hosts)
    .where(eq(hosts.id, hostId))
    .for("update");
  return row;
}

/** What ingestion compares against, read without a lock, with the package digest and its version. */
export type ReportHost = Omit<LockedHost, "asynchronousCommit"> & {
  id: string;
  /** lib/agent/package-digest.ts */
  packageDigest: string | null;
  /** db/queries/report-delta.ts re-checks it (and the other facts its decisions use) when writing. */
  packagesVersion: number;
};

const reportHostWithDigest = {
  id: hosts.id,
  ...reportHostFields,
  packageDigest: hosts.packageDigest,
  packagesVersion: hosts.packagesVersion,
};

export async function readHostForReport(
  hostId: string,
  db: Executor = getDb(),
): Promise<ReportHost | undefined> {
  const [row] = await db.select(reportHostWithDigest).from(hosts).where(eq(hosts.id, hostId));
  return row;
}

/**
 * The host's credentials and what its report is compared against (readHostForReport), in the
 * statement that authenticates the agent. The digest (~21 kB at 2,000 packages) is read only when
 * `keyHash` is the host's: before the key is checked, a known id costs only its credentials and a
 * few small columns more than an unknown one.
 */
export async function readReportHostByApiId(
  apiId: string,
  keyHash: string,
  db: Executor = getDb(),
): Promise<(HostCredentialsRow & { report: ReportHost }) | undefined> {
  const digest = sql<
    string | null
  >`case when ${hosts.apiKeyHash} = ${keyHash} then ${hosts.packageDigest} end`;
  const [row] = await db
    .select({
      id: hosts.id,
      apiId: hosts.apiId,
      apiKeyHash: hosts.apiKeyHash,
      report: { ...reportHostWithDigest, packageDigest: digest },
    })
    .from(hosts)
    .where(eq(hosts.apiId, apiId))
    .limit(1);
  return row;
}
