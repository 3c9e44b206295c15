// Raising goes through one place: it honours the per-type settings (enabled, severity) and hands
// every newly created alert to the notifier.

import { insertAlerts, type NewAlertRow } from "@/db/queries/alerts";
import type { Alert } from "@/db/schema";
import { getLogger } from "@/lib/logger";
import { notifyAlerts } from "@/lib/notifications/dispatch";
import type { AlertSettingsMap } from "./settings";
import type { AlertKind } from "./types";

export type AlertDraft = Omit<NewAlertRow, "type" | "severity">;

export async function raiseAlerts(
  kind: AlertKind,
  drafts: AlertDraft[],
  settings: AlertSettingsMap,
  options: { once: boolean },
): Promise<Alert[]> {
  const typeSettings = settings[kind];
  if (!typeSettings.enabled || drafts.length === 0) return [];
  const created = await insertAlerts(
    drafts.map((draft) => ({ ...draft, type: kind, severity: typeSettings.severity })),
    options,
  );
  await announceRaised(created);
  return created;
}

/**
 * Logs newly created alerts and hands them to the notifier. `rulesExist: false` (the caller read
 * that no immediate notification rule is enabled) skips the notifier's own look-up.
 */
export async function announceRaised(created: Alert[], rulesExist = true): Promise<void> {
  if (created.length === 0) return;
  const byType = new Map<string, number>();
  for (const alert of created) byType.set(alert.type, (byType.get(alert.type) ?? 0) + 1);
  for (const [type, count] of byType)
    getLogger("alerts").info({ type, count }, `raised ${count} ${type} alert(s)`);
  if (rulesExist) await notifyAlerts(created);
}
