// What a report writes besides its package rows, shared by both ingestion paths (lib/agent/ingest.ts,
// lib/agent/ingest-delta.ts): the host's facts and report state, the history row, the counts of a
// package list, and whether the host's alert conditions need evaluating.
import type { LockedHost } from "@/db/queries/report-host";
import type { NewHost, NewReport } from "@/db/schema";
import type { AgentPackage, AgentReport } from "./report-schema";

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

export type Status = "success" | "failed" | "unchanged";
export type Counts = { total: number; updates: number; security: number };

/** What every accepted report writes to the host row, whatever its kind. */
export function reportValues(report: AgentReport, status: Status, now: Date): Partial<NewHost> {
  return {
    ...factsOf(report),
    status: "active",
    lastReportAt: now,
    lastContactAt: now,
    lastReportStatus: status,
    lastReportError: report.collectionError ?? null,
  };
}

export function historyRow(
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
export function countsOf(packages: readonly AgentPackage[]): Counts {
  let updates = 0;
  let security = 0;
  for (const pkg of packages) {
    if (!pkg.needsUpdate) continue;
    updates++;
    if (pkg.isSecurityUpdate === true) security++;
  }
  return { total: packages.length, updates, security };
}

/** Re-evaluated at least this often even when no report changed anything (e.g. a new agent release). */
const ALERT_REEVALUATION_MS = 60 * 60 * 1000;

/**
 * Whether a report can change the host's alert conditions (lib/alerts/evaluate-host.ts): a failed
 * report or the first one after a failure, the pending security set, the reboot flag, the agent
 * version, a host coming back from stale/offline/pending, or an hour since the last evaluation.
 * Most reports change none of these, and evaluating them anyway costs about as much as the report.
 */
export function alertsNeedEvaluation(
  host: Pick<
    LockedHost,
    "lastReportStatus" | "status" | "needsReboot" | "agentVersion" | "alertsEvaluatedAt"
  >,
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
