// Per-type alert settings: alert_settings rows over the defaults in types.ts.
import { listAlertSettingRows, upsertAlertSetting } from "@/db/queries/alerts";
import { ALERT_SEVERITIES } from "@/db/schema/enums";
import {
  ALERT_KINDS,
  type AlertKind,
  type AlertSettingsInput,
  type AlertTypeSettings,
  alertSettingsSchema,
  DEFAULT_ALERT_SETTINGS,
} from "./types";

export type AlertSettingsMap = Record<AlertKind, AlertTypeSettings>;

export async function getAlertSettings(): Promise<AlertSettingsMap> {
  return alertSettingsFromRows(await listAlertSettingRows());
}

/** The alert_settings rows over the defaults (rows of unknown types are ignored). */
export function alertSettingsFromRows(
  rows: ReadonlyArray<{ type: string; enabled: boolean; severity: string; thresholds: unknown }>,
): AlertSettingsMap {
  const result = { ...DEFAULT_ALERT_SETTINGS };
  for (const kind of ALERT_KINDS) {
    const row = rows.find((r) => r.type === kind);
    if (!row) continue;
    const defaults = DEFAULT_ALERT_SETTINGS[kind];
    const severity = ALERT_SEVERITIES.find((known) => known === row.severity) ?? defaults.severity;
    const thresholds = row.thresholds && typeof row.thresholds === "object" ? row.thresholds : {};
    result[kind] = {
      enabled: row.enabled,
      severity,
      thresholds: { ...defaults.thresholds, ...(thresholds as Record<string, number>) },
    };
  }
  return result;
}

/** Saves one type's settings. Permission checks are the caller's (Alerts settings page). */
export async function updateAlertSettings(
  input: AlertSettingsInput,
  _actorUserId: string | null,
): Promise<AlertSettingsMap> {
  const parsed = alertSettingsSchema.parse(input);
  await upsertAlertSetting(parsed);
  return getAlertSettings();
}

/** A threshold in days from the settings, never below zero. */
export function thresholdDays(settings: AlertTypeSettings, name = "days"): number {
  return Math.max(settings.thresholds[name] ?? 0, 0);
}
