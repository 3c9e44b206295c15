// Host groups as users see and manage them. A scoped user sees only the groups of its scope; the
// host count of a group is the number of its members (all of them lie in scope when the group does).
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { hostGroupMemberships, hostGroups } from "@/db/schema";

export type HostGroupScope = readonly string[] | null;

export type HostGroupRow = {
  id: string;
  name: string;
  description: string | null;
  color: string;
  hostCount: number;
  createdAt: Date;
  updatedAt: Date;
};

export type HostGroupValues = { name: string; description: string | null; color: string };

function scopeCondition(scope: HostGroupScope): SQL | undefined {
  if (scope === null) return undefined;
  if (scope.length === 0) return sql`false`;
  return inArray(hostGroups.id, [...scope]);
}

const rowColumns = {
  id: hostGroups.id,
  name: hostGroups.name,
  description: hostGroups.description,
  color: hostGroups.color,
  // One probe of host_group_memberships_host_group_id_idx per group.
  hostCount: sql<number>`(select count(*)::int from ${hostGroupMemberships} where ${hostGroupMemberships.hostGroupId} = ${hostGroups.id})`,
  createdAt: hostGroups.createdAt,
  updatedAt: hostGroups.updatedAt,
};

/** Every group in scope, by name (groups are few: tens, not thousands). */
export async function listHostGroupsInScope(
  scope: HostGroupScope,
  db: Executor = getDb(),
): Promise<HostGroupRow[]> {
  return db.select(rowColumns).from(hostGroups).where(scopeCondition(scope)).orderBy(asc(hostGroups.name));
}

export async function getHostGroupInScope(
  id: string,
  scope: HostGroupScope,
  db: Executor = getDb(),
): Promise<HostGroupRow | undefined> {
  const [row] = await db
    .select(rowColumns)
    .from(hostGroups)
    .where(and(eq(hostGroups.id, id), scopeCondition(scope)))
    .limit(1);
  return row;
}

export async function insertHostGroup(
  values: HostGroupValues,
  db: Executor = getDb(),
): Promise<HostGroupRow> {
  const [row] = await db.insert(hostGroups).values(values).returning({ id: hostGroups.id });
  if (!row) throw new Error("host group insert returned nothing");
  const created = await getHostGroupInScope(row.id, null, db);
  if (!created) throw new Error("host group vanished after insert");
  return created;
}

/** Updates a group inside `scope`; undefined when there is no such group there. */
export async function updateHostGroupInScope(
  id: string,
  values: HostGroupValues,
  scope: HostGroupScope,
  db: Executor = getDb(),
): Promise<HostGroupRow | undefined> {
  const [row] = await db
    .update(hostGroups)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(hostGroups.id, id), scopeCondition(scope)))
    .returning({ id: hostGroups.id });
  return row ? getHostGroupInScope(row.id, null, db) : undefined;
}

/** Deletes a group inside `scope`. Memberships cascade; the hosts themselves stay. */
export async function deleteHostGroupInScope(
  id: string,
  scope: HostGroupScope,
  db: Executor = getDb(),
): Promise<{ id: string; name: string; hostCount: number } | undefined> {
  return db.transaction(async (tx) => {
    const group = await getHostGroupInScope(id, scope, tx);
    if (!group) return undefined;
    await tx.delete(hostGroups).where(eq(hostGroups.id, id));
    return { id: group.id, name: group.name, hostCount: group.hostCount };
  });
}
