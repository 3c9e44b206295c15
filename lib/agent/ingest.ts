// Applies one validated agent report (POST /hosts/update) to the database. Semantics are in
// spec/agent-protocol.md "Semantics"; the SQL is in db/queries/ingestion.ts.
//
// Statements per report, whatever the package count:
//   full report:    read host (unless the route read it when authenticating), then either
//                   - [catalogue upserts of the changed rows], the one-statement delta
//                     (db/queries/report-delta.ts) when the host's package digest settles the report
//                     (lib/agent/package-digest.ts: the usual re-report), or
//                   - [catalogue upserts], in one transaction: lock host, replace host packages
//                     [+ replace host repositories], host + history row (first report, vanished
//                     packages, another package manager, a catalogue gap, a concurrent report of the
//                     same host)
//   unchanged/failed: lock host, host + history row
//   full-report-required: lock host (nothing written)
// The catalogue upserts run before the transaction and commit at once (they only add rows), so a
// host never holds catalogue locks while its report is being written; hosts lock only their own row.
// The one-statement path upserts only its changed rows' names (an unchanged row's package is in the
// catalogue: the stored row references it). They are skipped when this process already saw every
// name (lib/agent/catalogue-cache.ts); should that memory be stale (the orphan clean-up removed a
// row), the report's rows do not all join the catalogue, and the missing rows are added and the
// replacement repeated inside the transaction.

import { repositoryKey } from "@/db/queries/catalogue";
import {
  type PackageChanges,
  recordReport,
  replaceHostPackages,
  replaceHostRepositories,
} from "@/db/queries/ingestion";
import { lockHostForReport, type ReportHost } from "@/db/queries/report-host";
import { type Transaction, withTransaction } from "@/db/queries/transaction";
import { queueAlertEvaluation } from "@/lib/alerts/queue";
import { addUnknownToCatalogues, packageCatalogue, repositoryCatalogue } from "./catalogue-cache";
import { applyWithDigest } from "./ingest-delta";
import { encodeDigest, packageRowHash } from "./package-digest";
import type { AgentPackage, AgentReport } from "./report-schema";
import {
  alertsNeedEvaluation,
  type Counts,
  HostNotFoundError,
  historyRow,
  type IngestResult,
  reportValues,
  type Status,
} from "./report-values";

export { HostNotFoundError, type IngestResult };

const packageName = (p: AgentPackage) => p.name;

/** Adds the report's packages and repositories this process has not seen to the catalogues. */
const addToCatalogues = (report: AgentReport, db?: Transaction) =>
  addUnknownToCatalogues(report.packageManager, report.packages, report.repositories ?? [], db);

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

export async function ingestReport(input: {
  hostId: string;
  report: AgentReport;
  payloadBytes: number;
  receivedAt?: Date;
  /** The host as read when the agent authenticated (readReportHostByApiId), if it was. */
  host?: ReportHost;
}): Promise<IngestResult> {
  const { hostId, report } = input;
  const now = input.receivedAt ?? new Date();
  const failed = report.collectionError !== undefined;
  const unchanged = !failed && report.packagesUnchanged === true;
  const full = !failed && !unchanged;
  const status: Status = failed ? "failed" : unchanged ? "unchanged" : "success";

  let digest = "";
  let fast: IngestResult | undefined;
  if (full) {
    const hashes = report.packages.map(packageRowHash);
    digest = encodeDigest(report.packageManager, hashes);
    fast = await applyWithDigest(input, hashes, digest, now);
    // The one-statement path added what its changed rows needed; the full comparison needs all.
    if (!fast) await addToCatalogues(report);
  }

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
        { packagesWritten: full },
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
