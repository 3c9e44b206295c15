// Host-group scope as SQL. Every host query that serves a user adds this condition, so a scoped
// user's lists, counts and details are filtered by the database, never after the fact in JS.
import { type AnyColumn, inArray, type SQL, sql } from "drizzle-orm";
import { hostGroupMemberships, hosts } from "../schema";

/**
 * `exists (select 1 from host_group_memberships where host_id = <hostId> and host_group_id in
 * (...scope))`: one probe of the membership primary key (host_id, host_group_id) per host, no
 * join that could duplicate rows. Undefined for the whole fleet (null scope); false for an empty
 * scope (role and user scopes that do not intersect see nothing).
 *
 * `hostId` is the column holding the host id in the outer query (hosts.id by default;
 * host_packages.host_id for package counts, and so on).
 */
export function hostScopeCondition(
  scope: readonly string[] | null,
  hostId: AnyColumn = hosts.id,
): SQL | undefined {
  if (scope === null) return undefined;
  if (scope.length === 0) return sql`false`;
  return sql`exists (select 1 from ${hostGroupMemberships} where ${hostGroupMemberships.hostId} = ${hostId} and ${inArray(hostGroupMemberships.hostGroupId, [...scope])})`;
}

/** The condition, or `true` for the whole fleet: for raw sql`` fragments that need a predicate. */
export function hostScopePredicate(scope: readonly string[] | null, hostId: AnyColumn = hosts.id): SQL {
  return hostScopeCondition(scope, hostId) ?? sql`true`;
}
