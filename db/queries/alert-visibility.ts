// Which alerts a user may see, as SQL: alerts on hosts inside the user's host-group scope and, for
// those who manage settings, alerts that belong to no host (enrolment tokens).
import { and, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { alerts } from "@/db/schema";
import { hostScopeCondition } from "./host-scope";

/** `scope` null: every host. Absent visibility (the system, the notifier): every alert. */
export type AlertVisibility = { scope: readonly string[] | null; hostless: boolean };

export function visibleAlerts(visibility: AlertVisibility | undefined): SQL | undefined {
  if (!visibility) return undefined;
  const onHosts =
    visibility.scope === null
      ? isNotNull(alerts.hostId)
      : hostScopeCondition(visibility.scope, alerts.hostId);
  return visibility.hostless ? or(onHosts, isNull(alerts.hostId)) : onHosts;
}

/** Which of `ids` the visibility allows (one statement): acting on the others is "not found". */
export async function listVisibleAlertIds(
  ids: string[],
  visibility: AlertVisibility,
  db: Executor = getDb(),
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(inArray(alerts.id, ids), visibleAlerts(visibility)));
  return rows.map((row) => row.id);
}
