// Statements behind the Hosts page's bulk actions. Each takes the caller's host-group scope, so an
// id outside it simply matches nothing (the service refuses the whole action when that happens).
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { hostGroupMemberships, hosts } from "@/db/schema";
import type { HostIdentity, HostScope } from "./host-admin";
import { hostScopeCondition } from "./host-scope";

/** The hosts of these ids that lie inside `scope`. */
export async function hostsInScope(
  ids: readonly string[],
  scope: HostScope,
  db: Executor = getDb(),
): Promise<HostIdentity[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: hosts.id, apiId: hosts.apiId, friendlyName: hosts.friendlyName })
    .from(hosts)
    .where(and(inArray(hosts.id, [...ids]), hostScopeCondition(scope)));
}

export async function addHostsToGroups(
  hostIds: readonly string[],
  groupIds: readonly string[],
  db: Executor = getDb(),
): Promise<void> {
  if (hostIds.length === 0 || groupIds.length === 0) return;
  await db
    .insert(hostGroupMemberships)
    .values(hostIds.flatMap((hostId) => groupIds.map((hostGroupId) => ({ hostId, hostGroupId }))))
    .onConflictDoNothing();
}

export async function removeHostsFromGroups(
  hostIds: readonly string[],
  groupIds: readonly string[],
  db: Executor = getDb(),
): Promise<void> {
  if (hostIds.length === 0 || groupIds.length === 0) return;
  await db
    .delete(hostGroupMemberships)
    .where(
      and(
        inArray(hostGroupMemberships.hostId, [...hostIds]),
        inArray(hostGroupMemberships.hostGroupId, [...groupIds]),
      ),
    );
}

/** Hosts among `hostIds` left in no group of `scope` (they would vanish from a scoped user's view). */
export async function hostsOutsideScope(
  hostIds: readonly string[],
  scope: readonly string[],
  db: Executor = getDb(),
): Promise<string[]> {
  if (hostIds.length === 0) return [];
  const rows = await db
    .select({ id: hosts.id })
    .from(hosts)
    .where(and(inArray(hosts.id, [...hostIds]), sql`not ${hostScopeCondition(scope)}`));
  return rows.map((row) => row.id);
}

/** Deletes the hosts of these ids inside `scope` (packages, reports, commands and tokens cascade). */
export async function deleteHostsInScope(
  ids: readonly string[],
  scope: HostScope,
  db: Executor = getDb(),
): Promise<HostIdentity[]> {
  if (ids.length === 0) return [];
  return db
    .delete(hosts)
    .where(and(inArray(hosts.id, [...ids]), hostScopeCondition(scope)))
    .returning({ id: hosts.id, apiId: hosts.apiId, friendlyName: hosts.friendlyName });
}

/** The status the Add host page polls for, inside `scope`. */
export async function hostStatusInScope(id: string, scope: HostScope, db: Executor = getDb()) {
  const [row] = await db
    .select({ id: hosts.id, status: hosts.status, lastReportAt: hosts.lastReportAt })
    .from(hosts)
    .where(and(eq(hosts.id, id), hostScopeCondition(scope)))
    .limit(1);
  return row;
}
