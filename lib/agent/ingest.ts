// Applies one validated agent report (POST /hosts/update) to the database. Semantics are in
// spec/agent-protocol.md "Semantics"; the SQL is in db/queries/ingestion.ts.
//
// Statements per report, whatever the package count:
//   full report:    catalogue upsert [+ repository catalogue upsert], then in one transaction:
//                   lock host, replace host packages [+ replace host repositories], update host, history row
//   unchanged/failed: lock host, update host, history row
//   full-report-required: lock host (nothing written)
// The catalogue upserts run before the transaction and commit at once (they only add rows), so a
// host never holds catalogue locks while its report is being written; hosts lock only their own row.
import {
  addMissingPackages,
  addMissingRepositories,
  insertReportHistory,
  lockHostForReport,
  replaceHostPackages,
  replaceHostRepositories,
  updateHostAfterReport,
} from "@/db/queries/ingestion";
import { withTransaction } from "@/db/queries/transaction";
import type { NewHost } from "@/db/schema";
import { queueAlertEvaluation } from "@/lib/alerts/queue";
import type { AgentReport } from "./report-schema";

export type IngestResult =
  | {
      outcome: "accepted";
      status: "success" | "failed" | "unchanged";
      packagesProcessed: number;
      updatesAvailable: number;
      securityUpdates: number;
      /** The server's update interval differs from the one the agent last received. */
      crontabUpdate: boolean;
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
  const status = failed ? "failed" : unchanged ? "unchanged" : "success";

  if (full) {
    await addMissingPackages(report.packageManager, report.packages);
    if (report.repositories) await addMissingRepositories(report.repositories);
  }

  const result = await withTransaction(async (tx): Promise<IngestResult> => {
    const host = await lockHostForReport(hostId, tx);
    if (!host) throw new HostNotFoundError(hostId);
    if (unchanged && (host.packagesHash === null || host.packagesHash !== report.packagesHash))
      return { outcome: "full-report-required" };

    let counts = {
      total: host.totalPackages,
      updates: host.updatesCount,
      security: host.securityUpdatesCount,
    };
    const values: Partial<NewHost> = {
      ...factsOf(report),
      status: "active",
      lastReportAt: now,
      lastContactAt: now,
      lastReportStatus: status,
      lastReportError: report.collectionError ?? null,
    };
    if (full) {
      const changes = await replaceHostPackages(
        { hostId, packageManager: report.packageManager, packages: report.packages, now },
        tx,
      );
      if (report.repositories)
        await replaceHostRepositories({ hostId, repositories: report.repositories, now }, tx);
      counts = changes;
      Object.assign(values, {
        totalPackages: changes.total,
        updatesCount: changes.updates,
        securityUpdatesCount: changes.security,
        oldestSecurityPendingSince: changes.oldestSecurityPendingSince,
        // The stored hash must describe the stored list: a full report without one clears it.
        packagesHash: report.packagesHash ?? null,
      });
    }
    const crontabUpdate = host.updateIntervalApplied !== host.updateInterval;
    if (crontabUpdate) values.updateIntervalApplied = host.updateInterval;
    await updateHostAfterReport(hostId, values, tx);

    await insertReportHistory(
      {
        hostId,
        createdAt: now,
        status,
        packagesCount: counts.total,
        updatesCount: counts.updates,
        securityUpdatesCount: counts.security,
        payloadBytes: clampInt(input.payloadBytes),
        executionTimeMs: report.executionTime === undefined ? null : clampInt(report.executionTime * 1000),
        agentVersion: report.agentVersion ?? null,
        error: report.collectionError ?? null,
      },
      tx,
    );
    return {
      outcome: "accepted",
      status,
      packagesProcessed: failed ? 0 : counts.total,
      updatesAvailable: counts.updates,
      securityUpdates: counts.security,
      crontabUpdate,
    };
  });
  if (result.outcome === "accepted") await queueAlertEvaluation(hostId);
  return result;
}
