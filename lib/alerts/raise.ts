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
  if (created.length > 0) {
    getLogger("alerts").info(
      { type: kind, count: created.length },
      `raised ${created.length} ${kind} alert(s)`,
    );
    await notifyAlerts(created);
  }
  return created;
}
