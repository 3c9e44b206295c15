// Applies one validated agent report (POST /hosts/update) to the database. Semantics are in
// spec/agent-protocol.md "Semantics"; the SQL is in db/queries/ingestion.ts.
//
// Statements per report, whatever the package count:
//   full report:    [catalogue upsert] [repository catalogue upsert], read host, then either
//                   - the one-statement delta (db/queries/report-delta.ts) when the host's package
//                     digest settles the report (lib/agent/package-digest.ts: the usual re-report), or
//                   - in one transaction: lock host, replace host packages [+ replace host
//                     repositories], host + history row (first report, vanished packages, another
//                     package manager, a catalogue gap, a concurrent report of the same host)
//   unchanged/failed: lock host, host + history row
//   full-report-required: lock host (nothing written)
// The catalogue upserts run before the transaction and commit at once (they only add rows), so a
// host never holds catalogue locks while its report is being written; hosts lock only their own row.
// They are skipped when this process already saw every name (lib/agent/catalogue-cache.ts); should
// that memory be stale (the orphan clean-up removed a row), the report's rows do not all join the
// catalogue, and the missing rows are added and the replacement repeated inside the transaction.

import { addMissingPackages, addMissingRepositories } from "@/db/queries/catalogue";
import {
  lockHostForReport,
  type PackageChanges,
  type ReportHost,
  readHostForReport,
  recordReport,
  replaceHostPackages,
  replaceHostRepositories,
} from "@/db/queries/ingestion";
import { applyReportDelta } from "@/db/queries/report-delta";
import { type Transaction, withTransaction } from "@/db/queries/transaction";
import type { NewHost, NewReport } from "@/db/schema";
import { queueAlertEvaluation } from "@/lib/alerts/queue";
import { packageCatalogue, repositoryCatalogue } from "./catalogue-cache";
import { encodeDigest, packageRowHash, planFromDigest } from "./package-digest";
import type { AgentPackage, AgentReport, AgentRepository } from "./report-schema";

export type IngestResult =
  | {
      outcome: "accepted";
      status: "success" | "failed" | "unchanged";
      packagesProcessed: number;
      updatesAvailable: number;
      securityUpdates: number;
      /** The server's update interval differs from the one the agent last received. */
      crontabUpdate: boolean;
      /** Something the host's alert conditions depend on changed (see alertsNeedEvaluation). */
      evaluateAlerts: boolean;
    }
  | { outcome: "full-report-required" };

/** The host disappeared between authentication and ingestion (deleted meanwhile). */
export class HostNotFoundError extends Error {
  constructor(hostId: string) {
    super(`host ${hostId} not found`);
    this.name = "HostNotFoundError";
  }
}

const MAX_INT = 2_147_483_647;
const clampInt = (value: number) => Math.min(Math.max(Math.round(value), 0), MAX_INT);

/** Host columns from the report's system facts; fields the agent did not send are left alone. */
function factsOf(report: AgentReport): Partial<NewHost> {
  const facts: Partial<NewHost> = {
    hostname: report.hostname,
    machineId: report.machineId,
    ip: report.ip,
    osType: report.osType,
    osVersion: report.osVersion,
    architecture: report.architecture,
    kernelVersion: report.kernelVersion,
    installedKernelVersion: report.installedKernelVersion,
    selinuxStatus: report.selinuxStatus,
    systemUptime: report.systemUptime,
    loadAverage: report.loadAverage,
    cpuModel: report.cpuModel,
    cpuCores: report.cpuCores,
    ramInstalled: report.ramInstalled,
    swapSize: report.swapSize,
    diskDetails: report.diskDetails,
    gatewayIp: report.gatewayIp,
    dnsServers: report.dnsServers,
    networkInterfaces: report.networkInterfaces,
    agentVersion: report.agentVersion,
    needsReboot: report.needsReboot,
    // A host that no longer needs a reboot has no reason for one.
    rebootReason: report.rebootReason ?? (report.needsReboot === false ? null : undefined),
  };
  for (const key of Object.keys(facts) as Array<keyof typeof facts>) {
    if (facts[key] === undefined) delete facts[key];
  }
  return facts;
}

const packageName = (p: AgentPackage) => p.name;
const repositoryKey = (r: AgentRepository) =>
  `${r.url}\u0001${r.distribution}\u0001${r.components}\u0001${r.repoType}`;

/** Adds the report's packages and repositories this process has not seen to the catalogues. */
async function addToCatalogues(report: AgentReport, db?: Transaction): Promise<void> {
  const manager = report.packageManager;
  const packages = packageCatalogue.unknown(manager, report.packages, packageName);
  if (packages.length > 0) {
    await addMissingPackages(manager, packages, db);
    packageCatalogue.remember(manager, packages, packageName);
  }
  const repositories = repositoryCatalogue.unknown("", report.repositories ?? [], repositoryKey);
  if (repositories.length > 0) {
    await addMissingRepositories(repositories, db);
    repositoryCatalogue.remember("", repositories, repositoryKey);
  }
}

type InventoryResult = {
  changes: PackageChanges;
  /** False only if rows were still missing the second time (see replaceInventory). */
  complete: boolean;
  /** The digest of what is stored now (null when incomplete). */
  digest: string | null;
};

const sumChanges = (first: PackageChanges, second: PackageChanges): PackageChanges => ({
  ...second,
  inserted: first.inserted + second.inserted,
  updated: first.updated + second.updated,
  deleted: first.deleted + second.deleted,
  securityChanged: first.securityChanged || second.securityChanged,
});

/**
 * Replaces the host's packages and repositories; repeats once if the catalogue lacked rows. The
 * result's `complete` is false only if rows were still missing the second time (the orphan clean-up
 * removed them again in between): what is stored then lacks them.
 */
async function replaceInventory(
  hostId: string,
  report: AgentReport,
  digest: string,
  now: Date,
  tx: Transaction,
): Promise<InventoryResult> {
  const listed = report.repositories ?? [];
  const replace = async () => {
    const changes = await replaceHostPackages(
      { hostId, packageManager: report.packageManager, packages: report.packages, now },
      tx,
    );
    const repositories = report.repositories
      ? await replaceHostRepositories({ hostId, repositories: report.repositories, now }, tx)
      : 0;
    const complete =
      (changes.total === report.packages.length ||
        changes.total === new Set(report.packages.map(packageName)).size) &&
      (repositories === listed.length || repositories === new Set(listed.map(repositoryKey)).size);
    return { changes, complete };
  };
  const first = await replace();
  if (first.complete) return { ...first, digest };
  // Rows this process remembered are gone (orphan clean-up): add them in this transaction and
  // replace again; the second statement sees the first one's rows and finishes its work. The
  // change flags are the union of both: the first statement may have made the security change.
  packageCatalogue.forget();
  repositoryCatalogue.forget();
  await addToCatalogues(report, tx);
  const second = await replace();
  return {
    complete: second.complete,
    changes: sumChanges(first.changes, second.changes),
    digest: second.complete ? digest : null,
  };
}

/** Re-evaluated at least this often even when no report changed anything (e.g. a new agent release). */
const ALERT_REEVALUATION_MS = 60 * 60 * 1000;

/**
 * Whether a report can change the host's alert conditions (lib/alerts/evaluate-host.ts): a failed
 * report or the first one after a failure, the pending security set, the reboot flag, the agent
 * version, a host coming back from stale/offline/pending, or an hour since the last evaluation.
 * Most reports change none of these, and evaluating them anyway costs about as much as the report.
 */
function alertsNeedEvaluation(
  host: ReportHost,
  report: AgentReport,
  status: "success" | "failed" | "unchanged",
  securityChanged: boolean,
  now: Date,
): boolean {
  return (
    securityChanged ||
    status === "failed" ||
    host.lastReportStatus === "failed" ||
    host.status !== "active" ||
    (report.needsReboot !== undefined && report.needsReboot !== host.needsReboot) ||
    (report.agentVersion !== undefined && report.agentVersion !== host.agentVersion) ||
    host.alertsEvaluatedAt === null ||
    now.getTime() - host.alertsEvaluatedAt.getTime() >= ALERT_REEVALUATION_MS
  );
}

type Status = "success" | "failed" | "unchanged";
type Counts = { total: number; updates: number; security: number };

/** What every accepted report writes to the host row, whatever its kind. */
function reportValues(report: AgentReport, status: Status, now: Date): Partial<NewHost> {
  return {
    ...factsOf(report),
    status: "active",
    lastReportAt: now,
    lastContactAt: now,
    lastReportStatus: status,
    lastReportError: report.collectionError ?? null,
  };
}

function historyRow(
  hostId: string,
  report: AgentReport,
  status: Status,
  counts: Counts,
  payloadBytes: number,
  now: Date,
): NewReport {
  return {
    hostId,
    createdAt: now,
    status,
    packagesCount: counts.total,
    updatesCount: counts.updates,
    securityUpdatesCount: counts.security,
    payloadBytes: clampInt(payloadBytes),
    executionTimeMs: report.executionTime === undefined ? null : clampInt(report.executionTime * 1000),
    agentVersion: report.agentVersion ?? null,
    error: report.collectionError ?? null,
  };
}

/** The counts of a (deduplicated) package list, as stored once it is the host's list. */
function countsOf(packages: readonly AgentPackage[]): Counts {
  let updates = 0;
  let security = 0;
  for (const pkg of packages) {
    if (!pkg.needsUpdate) continue;
    updates++;
    if (pkg.isSecurityUpdate === true) security++;
  }
  return { total: packages.length, updates, security };
}

/**
 * The common full report, in one statement (db/queries/report-delta.ts): the host's digest says
 * which rows changed. Undefined when it cannot be settled that way (no digest yet, another package
 * manager, a vanished package, a catalogue gap, a concurrent report of the host): the caller then
 * runs the transactional path.
 */
async function applyWithDigest(
  input: { hostId: string; report: AgentReport; payloadBytes: number },
  hashes: number[],
  digest: string,
  now: Date,
): Promise<IngestResult | undefined> {
  const { hostId, report } = input;
  const host = await readHostForReport(hostId);
  if (!host) throw new HostNotFoundError(hostId);
  const plan = planFromDigest(host.packageDigest, report.packageManager, hashes);
  if (!plan || host.packageDigest === null) return undefined;
  const counts = countsOf(report.packages);
  const values: Partial<NewHost> = {
    ...reportValues(report, "success", now),
    totalPackages: counts.total,
    updatesCount: counts.updates,
    securityUpdatesCount: counts.security,
    packagesHash: report.packagesHash ?? null,
  };
  const crontabUpdate = host.updateIntervalApplied !== host.updateInterval;
  if (crontabUpdate) values.updateIntervalApplied = host.updateInterval;
  const repositories = report.repositories;
  const result = await applyReportDelta({
    hostId,
    packageManager: report.packageManager,
    changed: plan.changed.map((index) => report.packages[index] as AgentPackage),
    unmatchedStored: plan.unmatchedStored,
    expectedDigest: host.packageDigest,
    digest,
    repositories,
    distinctRepositories: repositories ? new Set(repositories.map(repositoryKey)).size : undefined,
    host: values,
    history: historyRow(hostId, report, "success", counts, input.payloadBytes, now),
    now,
  });
  if (!result.applied) return undefined;
  return {
    outcome: "accepted",
    status: "success",
    packagesProcessed: counts.total,
    updatesAvailable: counts.updates,
    securityUpdates: counts.security,
    crontabUpdate,
    evaluateAlerts: alertsNeedEvaluation(host, report, "success", result.securityChanged, now),
  };
}

export async function ingestReport(input: {
  hostId: string;
  report: AgentReport;
  payloadBytes: number;
  receivedAt?: Date;
}): Promise<IngestResult> {
  const { hostId, report } = input;
  const now = input.receivedAt ?? new Date();
  const failed = report.collectionError !== undefined;
  const unchanged = !failed && report.packagesUnchanged === true;
  const full = !failed && !unchanged;
  const status: Status = failed ? "failed" : unchanged ? "unchanged" : "success";

  let hashes: number[] = [];
  let digest = "";
  if (full) {
    await addToCatalogues(report);
    hashes = report.packages.map(packageRowHash);
    digest = encodeDigest(report.packageManager, hashes);
  }
  const fast = full ? await applyWithDigest(input, hashes, digest, now) : undefined;

  const result =
    fast ??
    (await withTransaction(async (tx): Promise<IngestResult> => {
      const host = await lockHostForReport(hostId, tx);
      if (!host) throw new HostNotFoundError(hostId);
      if (unchanged && (host.packagesHash === null || host.packagesHash !== report.packagesHash))
        return { outcome: "full-report-required" };

      let securityChanged = false;
      let counts: Counts = {
        total: host.totalPackages,
        updates: host.updatesCount,
        security: host.securityUpdatesCount,
      };
      const values = reportValues(report, status, now);
      if (full) {
        const inventory = await replaceInventory(hostId, report, digest, now, tx);
        const { changes, complete } = inventory;
        counts = changes;
        securityChanged = changes.securityChanged;
        Object.assign(values, {
          totalPackages: changes.total,
          updatesCount: changes.updates,
          securityUpdatesCount: changes.security,
          oldestSecurityPendingSince: changes.oldestSecurityPendingSince,
          packageDigest: inventory.digest,
          // The stored hash must describe the stored list: a full report without one clears it,
          // and so does a list stored incomplete, so that the agent's next report is a full one.
          packagesHash: complete ? (report.packagesHash ?? null) : null,
        });
      }
      const crontabUpdate = host.updateIntervalApplied !== host.updateInterval;
      if (crontabUpdate) values.updateIntervalApplied = host.updateInterval;
      await recordReport(
        hostId,
        values,
        historyRow(hostId, report, status, counts, input.payloadBytes, now),
        tx,
      );
      return {
        outcome: "accepted",
        status,
        packagesProcessed: failed ? 0 : counts.total,
        updatesAvailable: counts.updates,
        securityUpdates: counts.security,
        crontabUpdate,
        evaluateAlerts: alertsNeedEvaluation(host, report, status, securityChanged, now),
      };
    }));
  if (result.outcome === "accepted" && result.evaluateAlerts) await queueAlertEvaluation(hostId);
  return result;
}
