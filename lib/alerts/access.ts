// Alerts as users see and handle them (Alerts page, navigation badge, alert settings). Each
// function takes the actor first and checks its permission; alerts on hosts outside the actor's
// host-group scope are filtered in SQL and "not found" by id, so their existence does not leak.
// Alerts without a host (enrolment tokens) concern the settings, so only settings managers see them.

import { z } from "zod";
import { listVisibleAlertIds } from "@/db/queries/alert-visibility";
import { listHostGroupOptions } from "@/db/queries/roles";
import { getAdminUser } from "@/db/queries/user-admin";
import type { AlertComment } from "@/db/schema";
import { auditBy, type RequestMeta } from "@/lib/actor-audit";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission, hasPermission } from "@/lib/auth/guard";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { listHostsFor } from "@/lib/hosts/service";
import { listUsers } from "@/lib/users/service";
import {
  type AlertDetail,
  type AlertPage,
  type AlertVisibility,
  acknowledgeAlerts,
  assignAlert,
  commentOnAlert,
  countOpenAlerts,
  getAlert,
  listAlerts,
  resolveAlerts,
} from "./service";
import { type AlertSettingsMap, getAlertSettings, updateAlertSettings } from "./settings";
import type { AlertSettingsInput, ListAlertsInput } from "./types";

export type { RequestMeta };

export function alertVisibilityOf(actor: Actor): AlertVisibility {
  return { scope: actor.hostGroupScope, hostless: hasPermission(actor, "can_manage_settings") };
}

const alertId = z.uuid();
const alertIds = z.array(z.uuid()).min(1).max(1000);

/** A malformed id names no alert: not found, never a validation error that confirms anything. */
function idOrNotFound(id: string): string {
  if (!alertId.safeParse(id).success) throw new NotFoundError("Alert not found.");
  return id;
}

/** Every id must be visible to the actor, or nothing changes. */
async function visibleIds(actor: Actor, ids: string[]): Promise<string[]> {
  const parsed = alertIds.safeParse([...new Set(ids)]);
  if (!parsed.success) throw new NotFoundError("Alert not found.");
  const visible = await listVisibleAlertIds(parsed.data, alertVisibilityOf(actor));
  if (visible.length !== parsed.data.length) throw new NotFoundError("Alert not found.");
  return parsed.data;
}

export function listAlertsFor(actor: Actor, input: ListAlertsInput = {}): Promise<AlertPage> {
  assertPermission(actor, "can_view_hosts");
  return listAlerts(input, alertVisibilityOf(actor));
}

export async function getAlertFor(actor: Actor, id: string): Promise<AlertDetail> {
  assertPermission(actor, "can_view_hosts");
  const alert = await getAlert(idOrNotFound(id), alertVisibilityOf(actor));
  if (!alert) throw new NotFoundError("Alert not found.");
  return alert;
}

/** Open and acknowledged alerts the actor can see: the navigation badge. */
export function countOpenAlertsFor(actor: Actor): Promise<number> {
  assertPermission(actor, "can_view_hosts");
  return countOpenAlerts(alertVisibilityOf(actor));
}

export async function acknowledgeAlertsFor(
  actor: Actor,
  ids: string[],
  meta: RequestMeta = {},
): Promise<string[]> {
  assertPermission(actor, "can_manage_hosts");
  const changed = await acknowledgeAlerts(await visibleIds(actor, ids), actor.userId);
  await Promise.all(
    changed.map((id) =>
      auditBy(actor, meta, { action: "alert.acknowledged", target: { type: "alert", id } }),
    ),
  );
  return changed;
}

export async function resolveAlertsFor(
  actor: Actor,
  ids: string[],
  meta: RequestMeta = {},
): Promise<string[]> {
  assertPermission(actor, "can_manage_hosts");
  const changed = await resolveAlerts(await visibleIds(actor, ids), actor.userId);
  await Promise.all(
    changed.map((id) => auditBy(actor, meta, { action: "alert.resolved", target: { type: "alert", id } })),
  );
  return changed;
}

/** Sets (an active user) or clears (null) the assignee. */
export async function assignAlertFor(
  actor: Actor,
  id: string,
  assigneeUserId: string | null,
  meta: RequestMeta = {},
): Promise<void> {
  assertPermission(actor, "can_manage_hosts");
  await getAlertFor(actor, id);
  if (assigneeUserId !== null) {
    const assignee = alertId.safeParse(assigneeUserId).success
      ? await getAdminUser(assigneeUserId)
      : undefined;
    if (!assignee?.isActive) {
      throw new ServiceError("Choose an active user.", {
        fieldErrors: { assigneeUserId: ["No such active user"] },
      });
    }
  }
  await assignAlert(id, assigneeUserId, actor.userId);
  await auditBy(actor, meta, {
    action: "alert.assigned",
    target: { type: "alert", id },
    details: { assigneeUserId },
  });
}

export async function commentOnAlertFor(actor: Actor, id: string, body: string): Promise<AlertComment> {
  assertPermission(actor, "can_manage_hosts");
  await getAlertFor(actor, id);
  return commentOnAlert(id, body, actor.userId);
}

export function getAlertSettingsFor(actor: Actor): Promise<AlertSettingsMap> {
  assertPermission(actor, "can_manage_settings");
  return getAlertSettings();
}

export async function updateAlertSettingsFor(
  actor: Actor,
  input: AlertSettingsInput,
  meta: RequestMeta = {},
): Promise<AlertSettingsMap> {
  assertPermission(actor, "can_manage_settings");
  const result = await updateAlertSettings(input, actor.userId);
  await auditBy(actor, meta, {
    action: "alert_settings.updated",
    target: { type: "alert_type", id: input.type },
    details: { enabled: input.enabled, severity: input.severity, thresholds: input.thresholds ?? {} },
  });
  return result;
}

export type Choice = { id: string; name: string };

/** The hosts (first 100 by name) and host groups the actor may filter alerts by: its scope only. */
export async function listAlertFilterChoicesFor(
  actor: Actor,
): Promise<{ hosts: Choice[]; groups: Choice[] }> {
  assertPermission(actor, "can_view_hosts");
  const [hosts, groups] = await Promise.all([
    listHostsFor(actor, { sort: "name", pageSize: 100 }),
    listHostGroupOptions(),
  ]);
  const scope = actor.hostGroupScope === null ? null : new Set(actor.hostGroupScope);
  return {
    hosts: hosts.hosts.map((host) => ({ id: host.id, name: host.friendlyName })),
    groups: scope ? groups.filter((group) => scope.has(group.id)) : groups,
  };
}

/** Who an alert can be assigned to: active users for those who may see users, else oneself. */
export async function listAssigneeChoicesFor(actor: Actor): Promise<Choice[]> {
  assertPermission(actor, "can_manage_hosts");
  const self = { id: actor.userId, name: actor.username };
  if (!hasPermission(actor, "can_view_users")) return [self];
  const page = await listUsers(actor, { status: "active", pageSize: 100 });
  const others = page.rows.filter((user) => user.id !== actor.userId);
  return [self, ...others.map((user) => ({ id: user.id, name: user.username }))];
}
