// The alert conditions of one host, evaluated after each report (alert-evaluation job). Every step
// is idempotent: evaluating the same state twice raises and resolves nothing new. The host's open
// alerts are read once; a condition that has no open alert to resolve sends no statement.
import {
  getHostAlertContext,
  type OpenAlert,
  type PendingSecurityUpdate,
  saveAlertHostState,
} from "@/db/queries/alert-evaluation";
import { resolveAlerts } from "@/db/queries/alerts";
import { compareVersions, loadScript, SCRIPT_NAMES } from "@/lib/agent/install-script";
import { raiseRebootRequired, settleBackOnline } from "./host-status";
import { raiseAlerts } from "./raise";
import { addedKeys, keySetDigest } from "./security";
import { type AlertSettingsMap, alertSettingsFromRows, thresholdDays } from "./settings";
import { dedupKeys } from "./types";

type Counts = { raised: number; resolved: number };

export async function evaluateHostAlerts(hostId: string, now = new Date()): Promise<Record<string, unknown>> {
  const facts = await getHostAlertContext(hostId);
  if (!facts) return { skipped: "host not found" };
  const settings = alertSettingsFromRows(facts.settingRows);
  const counts: Counts = { raised: 0, resolved: 0 };
  const name = facts.friendlyName;
  const openOf = (type: string) => facts.openAlerts.filter((alert) => alert.type === type);

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
  } else if (openOf("report_failed").length > 0) {
    counts.resolved += (await resolveAlerts({ type: "report_failed", hostId })).length;
  }

  const securityKeys = await evaluateSecurityUpdates(
    hostId,
    name,
    facts.pendingSecurity,
    facts.state?.securityUpdateKeys ?? [],
    openOf("new_security_updates"),
    settings,
    counts,
  );

  const rebootSince = facts.needsReboot ? (facts.state?.rebootRequiredSince ?? now) : null;
  if (!facts.needsReboot && openOf("reboot_required").length > 0)
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

  await evaluateAgentVersion(hostId, name, facts.agentVersion, openOf("agent_outdated"), settings, counts);
  if (facts.status === "active" && openOf("host_offline").length > 0) {
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
  pending: PendingSecurityUpdate[],
  previousKeys: string[],
  open: OpenAlert[],
  settings: AlertSettingsMap,
  counts: Counts,
): Promise<string[]> {
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
  const cleared = open.filter((alert) => !alert.keys.some((key) => current.has(key)));
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
  open: OpenAlert[],
  settings: AlertSettingsMap,
  counts: Counts,
): Promise<void> {
  const latest = (await loadScript(SCRIPT_NAMES.agent))?.version ?? null;
  const outdated = version !== null && latest !== null && compareVersions(version, latest) < 0;
  const key = outdated ? dedupKeys.agentOutdated(hostId, version, latest) : undefined;
  if (open.some((alert) => alert.dedupKey !== key)) {
    counts.resolved += (
      await resolveAlerts({ type: "agent_outdated", hostId, exceptDedupKeys: key ? [key] : [] })
    ).length;
  }
  // Raised once per key: an open alert for it is already the answer.
  if (!key || open.some((alert) => alert.dedupKey === key)) return;
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
