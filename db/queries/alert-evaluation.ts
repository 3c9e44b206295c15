// What the alert evaluator (lib/alerts/evaluate-host.ts) reads and remembers per host. It runs after
// most reports that change something, so its reads are one statement.
import { eq, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type AlertHostState, alertHostStates, hosts } from "../schema";

/** An open alert of the host, as far as evaluation needs it. */
export type OpenAlert = { id: string; type: string; dedupKey: string | null; keys: string[] };

/** A pending security update, keyed `<package id>:<available version>`. */
export type PendingSecurityUpdate = { key: string; name: string; availableVersion: string | null };

export type AlertSettingRow = { type: string; enabled: boolean; severity: string; thresholds: unknown };

export type HostAlertContext = {
  id: string;
  friendlyName: string;
  status: string;
  needsReboot: boolean;
  agentVersion: string | null;
  lastReportStatus: string | null;
  lastReportError: string | null;
  state: AlertHostState | null;
  openAlerts: OpenAlert[];
  pendingSecurity: PendingSecurityUpdate[];
  settingRows: AlertSettingRow[];
};

// json_agg comes back as text from postgres.js under drizzle and parsed from PGlite.
const fromJson = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

const asOpenAlerts = (value: unknown): OpenAlert[] =>
  (fromJson(value) as Array<Omit<OpenAlert, "keys"> & { keys: unknown }>).map((alert) => ({
    ...alert,
    keys: Array.isArray(alert.keys) ? alert.keys.filter((key): key is string => typeof key === "string") : [],
  }));

const asPending = (value: unknown): PendingSecurityUpdate[] =>
  (fromJson(value) as Array<[string, string, string | null]>).map(([key, name, availableVersion]) => ({
    key,
    name,
    availableVersion,
  }));

/**
 * The host's facts, its remembered state, its open alerts, its pending security updates and the
 * alert settings, in one statement (the open alerts by alerts_host_id_idx, the pending updates by
 * host_packages_security_pending_idx).
 */
export async function getHostAlertContext(
  hostId: string,
  db: Executor = getDb(),
): Promise<HostAlertContext | undefined> {
  const [row] = await db
    .select({
      id: hosts.id,
      friendlyName: hosts.friendlyName,
      status: hosts.status,
      needsReboot: hosts.needsReboot,
      agentVersion: hosts.agentVersion,
      lastReportStatus: hosts.lastReportStatus,
      lastReportError: hosts.lastReportError,
      state: alertHostStates,
      openAlerts: sql<OpenAlert[]>`(
        select coalesce(json_agg(json_build_object('id', a.id, 'type', a.type, 'dedupKey', a.dedup_key,
                                                   'keys', a.metadata -> 'keys')), '[]'::json)
        from alerts a where a.host_id = ${hosts.id} and a.status <> 'resolved')`.mapWith(asOpenAlerts),
      pendingSecurity: sql<PendingSecurityUpdate[]>`(
        select coalesce(json_agg(json_build_array(hp.package_id::text || ':' || coalesce(hp.available_version, ''),
                                                  p.name, hp.available_version)), '[]'::json)
        from host_packages hp join packages p on p.id = hp.package_id
        where hp.host_id = ${hosts.id} and hp.needs_update and hp.is_security_update)`.mapWith(asPending),
      settingRows: sql<AlertSettingRow[]>`(
        select coalesce(json_agg(json_build_object('type', s.type, 'enabled', s.enabled, 'severity', s.severity,
                                                   'thresholds', s.thresholds)), '[]'::json)
        from alert_settings s)`.mapWith((value) => fromJson(value) as AlertSettingRow[]),
    })
    .from(hosts)
    .leftJoin(alertHostStates, eq(alertHostStates.hostId, hosts.id))
    .where(eq(hosts.id, hostId));
  return row;
}

export async function saveAlertHostState(
  values: { hostId: string; securityUpdateKeys: string[]; rebootRequiredSince: Date | null },
  db: Executor = getDb(),
): Promise<void> {
  await db
    .insert(alertHostStates)
    .values(values)
    .onConflictDoUpdate({ target: alertHostStates.hostId, set: { ...values, updatedAt: new Date() } });
}
