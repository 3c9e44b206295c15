// What the alert evaluator (lib/alerts/evaluate-host.ts) reads and remembers per host. It runs after
// most reports that change something, so its reads are one statement.
import { eq, getTableColumns, sql } from "drizzle-orm";
import { type Executor, executeRows, getDb } from "../client";
import { type Alert, type AlertHostState, alertHostStates, alerts, hosts } from "../schema";
import type { AlertSeverity } from "../schema/enums";
import { arrayLiteral } from "./catalogue";

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
  /** Whether any enabled immediate notification rule exists (else raising notifies nobody). */
  notificationRulesExist: boolean;
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
      notificationRulesExist: sql<boolean>`exists (
        select 1 from notification_rules r join notification_channels c on c.id = r.channel_id
        where r.enabled and c.enabled and r.digest_minutes is null)`.mapWith(
        (value) => value === true || value === "t",
      ),
    })
    .from(hosts)
    .leftJoin(alertHostStates, eq(alertHostStates.hostId, hosts.id))
    .where(eq(hosts.id, hostId));
  return row;
}

export type EvaluationRaise = {
  type: string;
  severity: AlertSeverity;
  hostId: string;
  title: string;
  message: string;
  metadata?: Record<string, unknown>;
  dedupKey: string;
  /** Raised once ever: a dedup key used before (even resolved) is not raised again. */
  once: boolean;
};

/** An alerts row from to_jsonb(alerts.*): column names to fields, timestamps to dates. */
function alertFromJson(value: unknown): Alert {
  const row = fromJson(value) as Record<string, unknown>;
  const alert: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(alerts))) {
    const raw = row[column.name] ?? null;
    alert[key] = raw !== null && column.dataType === "date" ? new Date(raw as string) : raw;
  }
  return alert as Alert;
}

/**
 * The writes of one evaluation in one statement: the alerts it raises (not while one with the same
 * key is open; with `once`, not if the key was ever used), the alerts it resolves (by id, as the
 * system) and the host's remembered state. Alerts carry the database's clock, as when inserted
 * with its defaults (digest windows compare them with it); the state keeps the evaluation's time,
 * which ingestion compares with its own. Returns the alerts created and the number resolved.
 */
export async function applyAlertEvaluation(
  input: {
    hostId: string;
    raises: EvaluationRaise[];
    resolveIds: string[];
    state: { securityUpdateKeys: string[]; rebootRequiredSince: Date | null };
    now: Date;
  },
  db: Executor = getDb(),
): Promise<{ created: Alert[]; resolved: number }> {
  const now = input.now.toISOString();
  const drafts = JSON.stringify(
    input.raises.map((raise) => ({ ...raise, host_id: raise.hostId, dedup_key: raise.dedupKey })),
  );
  const [row] = await executeRows<{ created: unknown; resolved: number }>(
    db,
    sql`
    with draft as (
      select * from jsonb_to_recordset(${drafts}::jsonb) as d(type text, severity alert_severity, host_id uuid,
        title text, message text, metadata jsonb, dedup_key text, once boolean)
    ),
    created as (
      insert into alerts (type, severity, host_id, title, message, metadata, dedup_key, created_at, updated_at)
      select d.type, d.severity, d.host_id, d.title, d.message, d.metadata, d.dedup_key,
             statement_timestamp(), statement_timestamp()
      from draft d
      -- A lateral probe of alerts_dedup_key_idx per draft: as a plain EXISTS the planner, expecting
      -- ~100 drafts from the function, hashed the whole alerts table instead.
      left join lateral (select true as used from alerts a where a.dedup_key = d.dedup_key limit 1) u on d.once
      where u.used is null
      on conflict (dedup_key) where status <> 'resolved' do nothing
      returning to_jsonb(alerts.*) as alert
    ),
    resolved as (
      update alerts set status = 'resolved', resolved_at = statement_timestamp(), resolved_by_user_id = null,
                        updated_at = statement_timestamp()
      where id = any(${arrayLiteral(input.resolveIds)}::uuid[]) and status <> 'resolved'
      returning 1
    ),
    state as (
      insert into alert_host_states (host_id, security_update_keys, reboot_required_since, updated_at)
      values (${input.hostId}::uuid, ${arrayLiteral(input.state.securityUpdateKeys)}::text[],
              ${input.state.rebootRequiredSince?.toISOString() ?? null}::timestamptz, ${now}::timestamptz)
      on conflict (host_id) do update set security_update_keys = excluded.security_update_keys,
        reboot_required_since = excluded.reboot_required_since, updated_at = excluded.updated_at
    )
    select coalesce((select json_agg(alert) from created), '[]'::json) as created,
           (select count(*) from resolved)::int as resolved`,
  );
  const created = fromJson(row?.created ?? []) as unknown[];
  return { created: created.map(alertFromJson), resolved: Number(row?.resolved ?? 0) };
}
