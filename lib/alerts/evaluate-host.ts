// The alert conditions of one host, evaluated after each report (alert-evaluation job). Every step
// is idempotent: evaluating the same state twice raises and resolves nothing new. It reads once
// (facts, state, open alerts, pending security updates, settings), decides, and writes once (the
// alerts it raises and resolves and the host's remembered state); only the rare reboot and
// back-online conditions send statements of their own.
import {
  applyAlertEvaluation,
  type EvaluationRaise,
  getHostAlertContext,
  type HostAlertContext,
  type OpenAlert,
} from "@/db/queries/alert-evaluation";
import { compareVersions, loadScript, SCRIPT_NAMES } from "@/lib/agent/install-script";
import { raiseRebootRequired, settleBackOnline } from "./host-status";
import { announceRaised } from "./raise";
import { addedKeys, keySetDigest } from "./security";
import { type AlertSettingsMap, alertSettingsFromRows, thresholdDays } from "./settings";
import { type AlertKind, dedupKeys } from "./types";

const SCRIPT_RECHECK_MS = 5_000;

/** What one evaluation writes. */
type Plan = { raises: EvaluationRaise[]; resolveIds: string[] };

function raise(
  plan: Plan,
  settings: AlertSettingsMap,
  kind: AlertKind,
  draft: Omit<EvaluationRaise, "type" | "severity" | "once">,
  once: boolean,
): void {
  const typeSettings = settings[kind];
  if (!typeSettings.enabled) return;
  plan.raises.push({ ...draft, type: kind, severity: typeSettings.severity, once });
}

const resolve = (plan: Plan, alerts: OpenAlert[]) => plan.resolveIds.push(...alerts.map((alert) => alert.id));

export async function evaluateHostAlerts(hostId: string, now = new Date()): Promise<Record<string, unknown>> {
  const facts = await getHostAlertContext(hostId);
  if (!facts) return { skipped: "host not found" };
  const settings = alertSettingsFromRows(facts.settingRows);
  const name = facts.friendlyName;
  const openOf = (type: string) => facts.openAlerts.filter((alert) => alert.type === type);
  const plan: Plan = { raises: [], resolveIds: [] };

  if (facts.lastReportStatus === "failed") {
    raise(
      plan,
      settings,
      "report_failed",
      {
        hostId,
        title: `Report failed on ${name}`,
        message: facts.lastReportError ?? "The agent could not collect the package list.",
        dedupKey: dedupKeys.reportFailed(hostId),
      },
      false,
    );
  } else {
    resolve(plan, openOf("report_failed"));
  }

  const securityKeys = planSecurityUpdates(plan, settings, facts, openOf("new_security_updates"));
  const rebootSince = facts.needsReboot ? (facts.state?.rebootRequiredSince ?? now) : null;
  if (!facts.needsReboot) resolve(plan, openOf("reboot_required"));
  await planAgentVersion(plan, settings, facts, openOf("agent_outdated"));

  const { created, resolved } = await applyAlertEvaluation({
    hostId,
    raises: plan.raises,
    resolveIds: plan.resolveIds,
    state: { securityUpdateKeys: securityKeys, rebootRequiredSince: rebootSince },
    now,
  });
  await announceRaised(created, facts.notificationRulesExist);
  const counts = { raised: created.length, resolved };

  if (rebootSince) {
    const cutoff = now.getTime() - thresholdDays(settings.reboot_required) * 86_400_000;
    if (rebootSince.getTime() <= cutoff) {
      counts.raised += (
        await raiseRebootRequired([{ id: hostId, friendlyName: name, since: rebootSince }], settings)
      ).length;
    }
  }
  if (facts.status === "active" && openOf("host_offline").length > 0) {
    const settled = await settleBackOnline(settings, hostId);
    counts.resolved += settled.resolved;
    counts.raised += settled.raised;
  }
  return counts;
}

/**
 * One alert per growth of the pending security set; alerts whose updates are all gone are resolved.
 * Returns the current set, remembered for the next evaluation.
 */
function planSecurityUpdates(
  plan: Plan,
  settings: AlertSettingsMap,
  facts: HostAlertContext,
  open: OpenAlert[],
): string[] {
  const pending = facts.pendingSecurity;
  const currentKeys = pending.map((update) => update.key);
  const added = addedKeys(facts.state?.securityUpdateKeys ?? [], currentKeys);
  if (added.length > 0) {
    const addedSet = new Set(added);
    const updates = pending
      .filter((update) => addedSet.has(update.key))
      .map(({ name: pkg, availableVersion }) => ({ name: pkg, availableVersion }));
    const list = updates.map((u) => (u.availableVersion ? `${u.name} ${u.availableVersion}` : u.name));
    raise(
      plan,
      settings,
      "new_security_updates",
      {
        hostId: facts.id,
        title: `${added.length} new security update${added.length === 1 ? "" : "s"} on ${facts.friendlyName}`,
        message: list.slice(0, 20).join(", ") + (list.length > 20 ? `, and ${list.length - 20} more` : ""),
        metadata: { keys: added, updates },
        dedupKey: dedupKeys.newSecurityUpdates(facts.id, keySetDigest(added)),
      },
      true,
    );
  }
  const current = new Set(currentKeys);
  resolve(
    plan,
    open.filter((alert) => !alert.keys.some((key) => current.has(key))),
  );
  return currentKeys;
}

/** Out of date against the agent the server offers: raised once per (version, latest) pair. */
async function planAgentVersion(
  plan: Plan,
  settings: AlertSettingsMap,
  facts: HostAlertContext,
  open: OpenAlert[],
): Promise<void> {
  const version = facts.agentVersion;
  // Evaluations run after most reports: the file is looked at again at most every few seconds.
  const latest = (await loadScript(SCRIPT_NAMES.agent, { maxAgeMs: SCRIPT_RECHECK_MS }))?.version ?? null;
  const outdated = version !== null && latest !== null && compareVersions(version, latest) < 0;
  const key = outdated ? dedupKeys.agentOutdated(facts.id, version, latest) : undefined;
  resolve(
    plan,
    open.filter((alert) => alert.dedupKey !== key),
  );
  // An open alert for the key is already the answer.
  if (!key || open.some((alert) => alert.dedupKey === key)) return;
  raise(
    plan,
    settings,
    "agent_outdated",
    {
      hostId: facts.id,
      title: `Agent out of date on ${facts.friendlyName}`,
      message: `Agent ${version}; the server offers ${latest}.`,
      metadata: { version, latest },
      dedupKey: key,
    },
    true,
  );
}
