import { asc, eq, inArray, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { type HostStatus, hostGroupMemberships, hostGroups, hosts } from "@/db/schema";

/** What agent authentication needs: the id and the stored hash (never sent anywhere). */
export type HostCredentialsRow = { id: string; apiId: string; apiKeyHash: string };

export async function getHostCredentialsByApiId(
  apiId: string,
  db: Executor = getDb(),
): Promise<HostCredentialsRow | undefined> {
  const [row] = await db
    .select({ id: hosts.id, apiId: hosts.apiId, apiKeyHash: hosts.apiKeyHash })
    .from(hosts)
    .where(eq(hosts.apiId, apiId))
    .limit(1);
  return row;
}

/** Columns of a host that may leave the server: no key hash, no package-list hash. */
export const publicHostColumns = {
  id: hosts.id,
  apiId: hosts.apiId,
  friendlyName: hosts.friendlyName,
  hostname: hosts.hostname,
  machineId: hosts.machineId,
  ip: hosts.ip,
  osType: hosts.osType,
  osVersion: hosts.osVersion,
  architecture: hosts.architecture,
  agentVersion: hosts.agentVersion,
  status: hosts.status,
  autoUpdate: hosts.autoUpdate,
  updateIntervalApplied: hosts.updateIntervalApplied,
  lastReportAt: hosts.lastReportAt,
  lastContactAt: hosts.lastContactAt,
  updatesCount: hosts.updatesCount,
  securityUpdatesCount: hosts.securityUpdatesCount,
  totalPackages: hosts.totalPackages,
  createdAt: hosts.createdAt,
};

export type PublicHost = {
  id: string;
  apiId: string;
  friendlyName: string;
  hostname: string | null;
  machineId: string | null;
  ip: string | null;
  osType: string | null;
  osVersion: string | null;
  architecture: string | null;
  agentVersion: string | null;
  status: HostStatus;
  autoUpdate: boolean;
  updateIntervalApplied: number | null;
  lastReportAt: Date | null;
  lastContactAt: Date | null;
  updatesCount: number;
  securityUpdatesCount: number;
  totalPackages: number;
  createdAt: Date;
};

export async function getHostById(id: string, db: Executor = getDb()): Promise<PublicHost | undefined> {
  const [row] = await db.select(publicHostColumns).from(hosts).where(eq(hosts.id, id)).limit(1);
  return row;
}

export async function getHostByApiId(apiId: string, db: Executor = getDb()): Promise<PublicHost | undefined> {
  const [row] = await db.select(publicHostColumns).from(hosts).where(eq(hosts.apiId, apiId)).limit(1);
  return row;
}

export type HostListRow = PublicHost & { groups: string[] };

export async function listHosts(db: Executor = getDb()): Promise<HostListRow[]> {
  return db
    .select({
      ...publicHostColumns,
      // Qualified by hand: drizzle renders bare column names inside sql``, which a correlated
      // subquery would resolve against its own tables.
      groups: sql<string[]>`coalesce(array(
        select g.name from host_group_memberships m join host_groups g on g.id = m.host_group_id
        where m.host_id = "hosts"."id" order by g.name), '{}')`,
    })
    .from(hosts)
    .orderBy(asc(hosts.friendlyName), asc(hosts.id));
}

export type CreateHostInput = {
  friendlyName: string;
  apiId: string;
  apiKeyHash: string;
  machineId?: string | null;
  enrolmentTokenId?: string | null;
  groupIds?: string[];
};

export async function createHost(input: CreateHostInput, db: Executor = getDb()): Promise<PublicHost> {
  const { groupIds = [], ...values } = input;
  const [host] = await db.insert(hosts).values(values).returning(publicHostColumns);
  if (!host) throw new Error("host insert returned no row");
  if (groupIds.length > 0) {
    await db
      .insert(hostGroupMemberships)
      .values(groupIds.map((hostGroupId) => ({ hostId: host.id, hostGroupId })))
      .onConflictDoNothing();
  }
  return host;
}

/** Replaces the key hash of a host; returns its API id, or undefined when there is no such host. */
export async function setHostApiKeyHash(
  hostId: string,
  apiKeyHash: string,
  db: Executor = getDb(),
): Promise<string | undefined> {
  const [row] = await db
    .update(hosts)
    .set({ apiKeyHash })
    .where(eq(hosts.id, hostId))
    .returning({ apiId: hosts.apiId });
  return row?.apiId;
}

/** Deletes a host; its packages, reports, commands and tokens cascade. False when none matched. */
export async function deleteHostByApiId(apiId: string, db: Executor = getDb()): Promise<boolean> {
  const rows = await db.delete(hosts).where(eq(hosts.apiId, apiId)).returning({ id: hosts.id });
  return rows.length > 0;
}

/**
 * A ping: refreshes last contact (a stale or offline host is back) and returns the interval the
 * agent last fetched. It does not record one: a ping must not consume the "interval changed"
 * notice before the agent has fetched the new interval (GET /settings/update-interval records it).
 */
export async function touchHostContact(
  hostId: string,
  db: Executor = getDb(),
): Promise<{ previousInterval: number | null; friendlyName: string } | undefined> {
  const [row] = await db
    .update(hosts)
    .set({
      lastContactAt: sql`now()`,
      updatedAt: sql`now()`,
      status: sql`case when ${hosts.status} in ('stale', 'offline') then 'active'::host_status else ${hosts.status} end`,
    })
    .where(eq(hosts.id, hostId))
    .returning({ previousInterval: hosts.updateIntervalApplied, friendlyName: hosts.friendlyName });
  return row;
}

/** Records the interval an agent has fetched (GET /settings/update-interval). */
export async function setHostIntervalApplied(
  hostId: string,
  interval: number,
  db: Executor = getDb(),
): Promise<void> {
  await db.update(hosts).set({ updateIntervalApplied: interval }).where(eq(hosts.id, hostId));
}

/** The ids of the named groups, creating those that do not exist yet. */
export async function ensureHostGroups(names: string[], db: Executor = getDb()): Promise<string[]> {
  const unique = [...new Set(names.map((name) => name.trim()).filter(Boolean))];
  if (unique.length === 0) return [];
  await db
    .insert(hostGroups)
    .values(unique.map((name) => ({ name })))
    .onConflictDoNothing();
  const rows = await db
    .select({ id: hostGroups.id })
    .from(hostGroups)
    .where(inArray(hostGroups.name, unique));
  return rows.map((row) => row.id);
}

export async function addHostToGroups(hostId: string, groupIds: string[], db: Executor = getDb()) {
  if (groupIds.length === 0) return;
  await db
    .insert(hostGroupMemberships)
    .values(groupIds.map((hostGroupId) => ({ hostId, hostGroupId })))
    .onConflictDoNothing();
}

/** Any host that reported or was enrolled with this machine id. */
export async function findHostIdByMachineId(machineId: string, db: Executor = getDb()) {
  const [row] = await db.select({ id: hosts.id }).from(hosts).where(eq(hosts.machineId, machineId)).limit(1);
  return row?.id;
}
