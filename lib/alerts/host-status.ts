// The host status monitor (every minute): statuses from last contact, then the conditions that
// depend on time rather than on a report (offline, reboot pending for N days, tokens expiring).
import { resolveAlerts, resolveAlertsByHostCondition } from "@/db/queries/alerts";
import {
  listEnrolmentTokensExpiring,
  listHostsByStatus,
  listHostsRebootRequiredSince,
  refreshHostStatuses,
} from "@/db/queries/maintenance";
import { raiseAlerts } from "./raise";
import { type AlertSettingsMap, getAlertSettings, thresholdDays } from "./settings";
import { dedupKeys } from "./types";

const DAY_MS = 86_400_000;

/** Host-offline alerts of hosts in contact again are resolved, each followed by one back-online alert. */
export async function settleBackOnline(
  settings: AlertSettingsMap,
  hostId?: string,
): Promise<{ resolved: number; raised: number }> {
  const resolved = await resolveAlertsByHostCondition({
    type: "host_offline",
    hostStatuses: ["active"],
    hostId,
  });
  const raised = await raiseAlerts(
    "host_back_online",
    resolved.flatMap((alert) => {
      if (!alert.hostId) return [];
      const hostName = String(alert.metadata?.hostName ?? "host");
      return [
        {
          hostId: alert.hostId,
          title: `${hostName} is back online`,
          message: `${hostName} is in contact again.`,
          metadata: { hostName, offlineAlertId: alert.id },
          dedupKey: dedupKeys.hostBackOnline(alert.hostId, alert.id),
        },
      ];
    }),
    settings,
    { once: true },
  );
  return { resolved: resolved.length, raised: raised.length };
}

export async function runHostStatusMonitor(now = new Date()): Promise<Record<string, unknown>> {
  const settings = await getAlertSettings();
  const transitions = await refreshHostStatuses(now);

  const offline = await listHostsByStatus("offline");
  const offlineRaised = await raiseAlerts(
    "host_offline",
    offline.flatMap((host) =>
      host.lastContactAt
        ? [
            {
              hostId: host.id,
              title: `${host.friendlyName} is offline`,
              message: `No contact from ${host.friendlyName} since ${host.lastContactAt.toISOString()}.`,
              metadata: { hostName: host.friendlyName, lastContactAt: host.lastContactAt.toISOString() },
              dedupKey: dedupKeys.hostOffline(host.id, host.lastContactAt),
            },
          ]
        : [],
    ),
    settings,
    { once: true },
  );
  // A back-online notice is over once the host is gone again.
  const backOnlineResolved = await resolveAlertsByHostCondition({
    type: "host_back_online",
    hostStatuses: ["offline"],
  });
  const settled = await settleBackOnline(settings);

  const rebootResolved = await resolveAlertsByHostCondition({ type: "reboot_required", needsReboot: false });
  const rebootCutoff = new Date(now.getTime() - thresholdDays(settings.reboot_required) * DAY_MS);
  const rebootRaised = await raiseRebootRequired(await listHostsRebootRequiredSince(rebootCutoff), settings);

  const tokens = await evaluateEnrolmentTokens(now, settings);
  return {
    statusChanges: transitions.length,
    offline: transitions.filter((t) => t.to === "offline").length,
    stale: transitions.filter((t) => t.to === "stale").length,
    active: transitions.filter((t) => t.to === "active").length,
    alertsRaised: offlineRaised.length + settled.raised + rebootRaised.length + tokens.raised,
    alertsResolved: backOnlineResolved.length + settled.resolved + rebootResolved.length + tokens.resolved,
  };
}

async function evaluateEnrolmentTokens(
  now: Date,
  settings: AlertSettingsMap,
): Promise<{ raised: number; resolved: number }> {
  const until = new Date(now.getTime() + thresholdDays(settings.enrolment_token_expiring) * DAY_MS);
  const expiring = await listEnrolmentTokensExpiring(now, until);
  const drafts = expiring.map((token) => ({
    hostId: null,
    title: `Enrolment token "${token.name}" expires soon`,
    message: `The enrolment token "${token.name}" expires at ${token.expiresAt.toISOString()}.`,
    metadata: { tokenId: token.id, tokenName: token.name, expiresAt: token.expiresAt.toISOString() },
    dedupKey: dedupKeys.enrolmentTokenExpiring(token.id, token.expiresAt),
  }));
  // Tokens renewed, disabled, deleted or expired no longer need attention.
  const resolved = await resolveAlerts({
    type: "enrolment_token_expiring",
    exceptDedupKeys: drafts.map((draft) => draft.dedupKey),
  });
  const raised = await raiseAlerts("enrolment_token_expiring", drafts, settings, { once: true });
  return { raised: raised.length, resolved: resolved.length };
}

export function raiseRebootRequired(
  hostsToAlert: Array<{ id: string; friendlyName: string; since: Date }>,
  settings: AlertSettingsMap,
) {
  return raiseAlerts(
    "reboot_required",
    hostsToAlert.map((host) => ({
      hostId: host.id,
      title: `Reboot required on ${host.friendlyName}`,
      message: `A reboot has been required since ${host.since.toISOString()}.`,
      metadata: { since: host.since.toISOString() },
      dedupKey: dedupKeys.rebootRequired(host.id, host.since),
    })),
    settings,
    { once: true },
  );
}
