// The common full report (a re-report whose changes the host's package digest settles) in one
// statement: db/queries/report-delta.ts says why that is safe, lib/agent/ingest.ts when it is tried.
import { type ReportHost, readHostForReport } from "@/db/queries/ingestion";
import { applyReportDelta } from "@/db/queries/report-delta";
import type { NewHost } from "@/db/schema";
import { addToCatalogues } from "./catalogue-cache";
import { planFromDigest } from "./package-digest";
import type { AgentPackage, AgentReport } from "./report-schema";
import {
  alertsNeedEvaluation,
  countsOf,
  HostNotFoundError,
  historyRow,
  type IngestResult,
  reportValues,
  repositoryKey,
} from "./report-values";

/**
 * The common full report, in one statement (db/queries/report-delta.ts): the host's digest says
 * which rows changed. Undefined when it cannot be settled that way (no digest yet, another package
 * manager, a vanished package, a catalogue gap, a concurrent report of the host): the caller then
 * runs the transactional path.
 */
export async function applyWithDigest(
  input: { hostId: string; report: AgentReport; payloadBytes: number; host?: ReportHost },
  hashes: number[],
  digest: string,
  now: Date,
): Promise<IngestResult | undefined> {
  const { hostId, report } = input;
  const host = input.host ?? (await readHostForReport(hostId));
  if (!host) throw new HostNotFoundError(hostId);
  const plan = planFromDigest(host.packageDigest, report.packageManager, hashes);
  if (!plan || host.packageDigest === null) return undefined;
  const changed = plan.changed.map((index) => report.packages[index] as AgentPackage);
  // Only the changed rows can name a package the catalogue lacks: every unchanged row is stored,
  // and a stored row references its catalogue entry.
  const repositories = report.repositories;
  await addToCatalogues(report.packageManager, changed, repositories ?? []);
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
  const result = await applyReportDelta({
    hostId,
    packageManager: report.packageManager,
    changed,
    unmatchedStored: plan.unmatchedStored,
    expected: host,
    digest: plan.changed.length > 0 || plan.unmatchedStored > 0 ? digest : undefined,
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
