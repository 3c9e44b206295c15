// The dashboard's numbers for one viewer: hosts, packages, groups and repositories only within the
// viewer's host-group scope; the user count only for those who may see users.
import { type FleetOverview, getFleetOverview as query } from "@/db/queries/overview";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission, hasPermission } from "@/lib/auth/guard";

export type { FleetOverview };

export async function getFleetOverview(actor: Actor): Promise<FleetOverview> {
  assertPermission(actor, "can_view_dashboard");
  return query({ scope: actor.hostGroupScope, countUsers: hasPermission(actor, "can_view_users") });
}
