// The alert conditions of one host, evaluated after each report (alert-evaluation job). Every step
// is idempotent: evaluating the same state twice raises and resolves nothing new.
import { listUnresolvedAlerts, resolveAlerts } from "@/db/queries/alerts";
import { getHostAlertFacts, listPendingSecurityUpdates, saveAlertHostState } from "@/db/queries/maintenance";
import { compareVersions, loadScript, SCRIPT_NAMES } from "@/lib/agent/install-script";
import { raiseRebootRequired, settleBackOnline } from "./host-status";
import { raiseAlerts } from "./raise";
import { addedKeys, keySetDigest } from "./security";
import { type AlertSettingsMap, getAlertSettings, thresholdDays } from "./settings";
import { dedupKeys } from "./types";

type Counts = { raised: number; resolved: number };

export async function evaluateHostAlerts(hostId: string, now = new Date()): Promise<Record<string, unknown>> {
  const facts = await getHostAlertFacts(hostId);
  if (!facts) return { skipped: "host not found" };
  const settings = await getAlertSettings();
  const counts: Counts = { raised: 0, resolved: 0 };
  const name = facts.friendlyName;

  if (facts.lastReportStatus === "failed") {
    const raised = await raiseAlerts(
      "report_failed",
      [
        {
          hostId,
          title: `Report failed on ${name}`,
          message: facts.lastReportError ?? "The agent could not collect the package list.",
          dedupKey: dedupKeys.reportFailed(hostId),
        },
      ],
      settings,
      { once: false },
    );
    counts.raised += raised.length;
  } else {
    counts.resolved += (await resolveAlerts({ type: "report_failed", hostId })).length;
  }

  const securityKeys = await evaluateSecurityUpdates(
    hostId,
    name,
    facts.state?.securityUpdateKeys ?? [],
    settings,
    counts,
  );

  const rebootSince = facts.needsReboot ? (facts.state?.rebootRequiredSince ?? now) : null;
  if (!facts.needsReboot)
    counts.resolved += (await resolveAlerts({ type: "reboot_required", hostId })).length;
  await saveAlertHostState({ hostId, securityUpdateKeys: securityKeys, rebootRequiredSince: rebootSince });
  if (rebootSince) {
    const cutoff = now.getTime() - thresholdDays(settings.reboot_required) * 86_400_000;
    if (rebootSince.getTime() <= cutoff) {
      counts.raised += (
        await raiseRebootRequired([{ id: hostId, friendlyName: name, since: rebootSince }], settings)
      ).length;
    }
  }

  await evaluateAgentVersion(hostId, name, facts.agentVersion, settings, counts);
  if (facts.status === "active") {
    const settled = await settleBackOnline(settings, hostId);
    counts.resolved += settled.resolved;
    counts.raised += settled.raised;
  }
  return counts;
}

/** Raises one alert per growth of the pending security set; resolves alerts whose updates are all gone. */
async function evaluateSecurityUpdates(
  hostId: string,
  name: string,
  previousKeys: string[],
  settings: AlertSettingsMap,
  counts: Counts,
): Promise<string[]> {
  const pending = await listPendingSecurityUpdates(hostId);
  const currentKeys = pending.map((update) => update.key);
  const added = addedKeys(previousKeys, currentKeys);
  if (added.length > 0) {
    const addedSet = new Set(added);
    const updates = pending
      .filter((update) => addedSet.has(update.key))
      .map(({ name: pkg, availableVersion }) => ({ name: pkg, availableVersion }));
    const list = updates.map((u) => (u.availableVersion ? `${u.name} ${u.availableVersion}` : u.name));
    const raised = await raiseAlerts(
      "new_security_updates",
      [
        {
          hostId,
          title: `${added.length} new security update${added.length === 1 ? "" : "s"} on ${name}`,
          message: list.slice(0, 20).join(", ") + (list.length > 20 ? `, and ${list.length - 20} more` : ""),
          metadata: { keys: added, updates },
          dedupKey: dedupKeys.newSecurityUpdates(hostId, keySetDigest(added)),
        },
      ],
      settings,
      { once: true },
    );
    counts.raised += raised.length;
  }
  const current = new Set(currentKeys);
  const open = await listUnresolvedAlerts({ type: "new_security_updates", hostId });
  const cleared = open.filter((alert) => {
    const keys = Array.isArray(alert.metadata?.keys) ? (alert.metadata.keys as string[]) : [];
    return !keys.some((key) => current.has(key));
  });
  if (cleared.length > 0) {
    counts.resolved += (
      await resolveAlerts({ type: "new_security_updates", ids: cleared.map((a) => a.id) })
    ).length;
  }
  return currentKeys;
}

async function evaluateAgentVersion(
  hostId: string,
  name: string,
  version: string | null,
  settings: AlertSettingsMap,
  counts: Counts,
): Promise<void> {
  const latest = (await loadScript(SCRIPT_NAMES.agent))?.version ?? null;
  const outdated = version !== null && latest !== null && compareVersions(version, latest) < 0;
  const key = outdated ? dedupKeys.agentOutdated(hostId, version, latest) : undefined;
  counts.resolved += (
    await resolveAlerts({ type: "agent_outdated", hostId, exceptDedupKeys: key ? [key] : [] })
  ).length;
  if (!key) return;
  const raised = await raiseAlerts(
    "agent_outdated",
    [
      {
        hostId,
        title: `Agent out of date on ${name}`,
        message: `Agent ${version}; the server offers ${latest}.`,
        metadata: { version, latest },
        dedupKey: key,
      },
    ],
    settings,
    { once: true },
  );
  counts.raised += raised.length;
}
