// The common full report (a re-report whose changes the host's package digest settles) in one
// statement: db/queries/report-delta.ts says why that is safe, lib/agent/ingest.ts when it is tried.
import { repositoryKey } from "@/db/queries/catalogue";
import { getHostCredentialsByApiId, type HostCredentialsRow } from "@/db/queries/hosts";
import { applyReportDelta } from "@/db/queries/report-delta";
import { type ReportHost, readHostForReport, readReportHostByApiId } from "@/db/queries/report-host";
import type { NewHost } from "@/db/schema";
import type { HostLookup } from "./auth";
import { addUnknownToCatalogues } from "./catalogue-cache";
import { planFromDigest } from "./package-digest";
import type { AgentPackage, AgentReport } from "./report-schema";
import {
  alertsNeedEvaluation,
  countsOf,
  HostNotFoundError,
  historyRow,
  type IngestResult,
  reportValues,
} from "./report-values";

// A report that carries its package list (a few hundred packages are already this size) is compared
// with the host's digest, which the statement that authenticates the agent then reads too; shorter
// ones (unchanged packages, a failed collection) need only the credentials.
const READ_WITH_CREDENTIALS_FROM_BYTES = 32_768;

/**
 * How POST /hosts/update reads the host when it authenticates the agent (lib/agent/auth.ts). What
 * it reads then is older than what a read just before the statement would see, by the time the
 * body took to arrive: the statement re-checks the facts its decisions rest on (a moved fact sends
 * the report down the locked path), except the server's update interval and the time of the last
 * alert evaluation, which the next report corrects.
 */
export const reportHostLookup: HostLookup<HostCredentialsRow & { report?: ReportHost }> = (
  apiId,
  keyHash,
  request,
) =>
  Number(request.headers.get("content-length")) >= READ_WITH_CREDENTIALS_FROM_BYTES
    ? readReportHostByApiId(apiId, keyHash)
    : getHostCredentialsByApiId(apiId);

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
  const host = input.host?.id === hostId ? input.host : await readHostForReport(hostId);
  if (!host) throw new HostNotFoundError(hostId);
  const plan = planFromDigest(host.packageDigest, report.packageManager, hashes);
  if (!plan || host.packageDigest === null) return undefined;
  const changed = plan.changed.map((index) => report.packages[index] as AgentPackage);
  // Only the changed rows can name a package the catalogue lacks: every unchanged row is stored,
  // and a stored row references its catalogue entry.
  const repositories = report.repositories;
  await addUnknownToCatalogues(report.packageManager, changed, repositories ?? []);
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
