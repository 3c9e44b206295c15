// The host detail page: one host's facts, packages, repositories, report history and queued agent
// commands. Every statement names the host by id and filters by the caller's host-group scope, so
// a host outside it reads as absent; lists are paginated in SQL on per-host indexes.
import { and, asc, desc, eq, ilike, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import {
  agentCommands,
  hostPackages,
  hostRepositories,
  hosts,
  packages,
  reports,
  repositories,
} from "@/db/schema";
import type { HostScope } from "./host-admin";
import { hostScopeCondition } from "./host-scope";

const inScope = (id: string, scope: HostScope) => and(eq(hosts.id, id), hostScopeCondition(scope));

/** Every system fact the agent reports, plus the fields the header and notes need. Never the hashes. */
const factColumns = {
  id: hosts.id,
  hostname: hosts.hostname,
  machineId: hosts.machineId,
  ip: hosts.ip,
  osType: hosts.osType,
  osVersion: hosts.osVersion,
  architecture: hosts.architecture,
  kernelVersion: hosts.kernelVersion,
  installedKernelVersion: hosts.installedKernelVersion,
  selinuxStatus: hosts.selinuxStatus,
  systemUptime: hosts.systemUptime,
  loadAverage: hosts.loadAverage,
  cpuModel: hosts.cpuModel,
  cpuCores: hosts.cpuCores,
  ramInstalled: hosts.ramInstalled,
  swapSize: hosts.swapSize,
  diskDetails: hosts.diskDetails,
  gatewayIp: hosts.gatewayIp,
  dnsServers: hosts.dnsServers,
  networkInterfaces: hosts.networkInterfaces,
  agentVersion: hosts.agentVersion,
  rebootReason: hosts.rebootReason,
  lastReportError: hosts.lastReportError,
  oldestSecurityPendingSince: hosts.oldestSecurityPendingSince,
  notes: hosts.notes,
  updatedAt: hosts.updatedAt,
};

export type HostFacts = Awaited<ReturnType<typeof getHostFactsInScope>>;

export async function getHostFactsInScope(id: string, scope: HostScope, db: Executor = getDb()) {
  const [row] = await db.select(factColumns).from(hosts).where(inScope(id, scope)).limit(1);
  return row;
}

export const PACKAGE_FILTERS = ["all", "updates", "security"] as const;
export type PackageFilter = (typeof PACKAGE_FILTERS)[number];

export type HostPackagesQuery = {
  hostId: string;
  filter: PackageFilter;
  search?: string;
  limit: number;
  offset: number;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function packageConditions(query: HostPackagesQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(hostPackages.hostId, query.hostId)];
  if (query.filter === "updates") conditions.push(eq(hostPackages.needsUpdate, true));
  if (query.filter === "security") {
    conditions.push(eq(hostPackages.needsUpdate, true), eq(hostPackages.isSecurityUpdate, true));
  }
  const search = query.search?.trim();
  if (search) conditions.push(ilike(packages.name, `%${escapeLike(search)}%`));
  return and(...conditions);
}

/**
 * One page of a host's packages, pending security updates first, then other updates, then by name.
 * The host_packages primary key (host_id, package_id) bounds the rows to this host's own list, so
 * the sort works on at most a few thousand rows whatever the size of the fleet.
 */
export async function listHostPackagesPage(query: HostPackagesQuery, db: Executor = getDb()) {
  const where = packageConditions(query);
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        packageId: packages.id,
        name: packages.name,
        packageManager: packages.packageManager,
        currentVersion: hostPackages.currentVersion,
        availableVersion: hostPackages.availableVersion,
        needsUpdate: hostPackages.needsUpdate,
        isSecurityUpdate: hostPackages.isSecurityUpdate,
        pendingSince: hostPackages.firstSeenAt,
      })
      .from(hostPackages)
      .innerJoin(packages, eq(packages.id, hostPackages.packageId))
      .where(where)
      .orderBy(
        desc(hostPackages.needsUpdate),
        sql`(${hostPackages.needsUpdate} and coalesce(${hostPackages.isSecurityUpdate}, false)) desc`,
        asc(packages.name),
        asc(packages.id),
      )
      .limit(query.limit)
      .offset(query.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(hostPackages)
      .innerJoin(packages, eq(packages.id, hostPackages.packageId))
      .where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

export type HostPackageRow = Awaited<ReturnType<typeof listHostPackagesPage>>["rows"][number];

/** A host's repositories (tens at most: not paginated), by name. */
export async function listHostRepositories(hostId: string, db: Executor = getDb()) {
  return db
    .select({
      id: repositories.id,
      name: repositories.name,
      url: repositories.url,
      distribution: repositories.distribution,
      components: repositories.components,
      repoType: repositories.repoType,
      isSecure: repositories.isSecure,
      isEnabled: hostRepositories.isEnabled,
      lastCheckedAt: hostRepositories.lastCheckedAt,
    })
    .from(hostRepositories)
    .innerJoin(repositories, eq(repositories.id, hostRepositories.repositoryId))
    .where(eq(hostRepositories.hostId, hostId))
    .orderBy(asc(repositories.name), asc(repositories.id))
    .limit(500);
}

export type HostRepositoryRow = Awaited<ReturnType<typeof listHostRepositories>>[number];

/** Report history newest first, on the (host_id, created_at desc) index. */
export async function listHostReportsPage(
  query: { hostId: string; limit: number; offset: number },
  db: Executor = getDb(),
) {
  const where = eq(reports.hostId, query.hostId);
  const [rows, total] = await Promise.all([
    db
      .select({
        id: reports.id,
        createdAt: reports.createdAt,
        status: reports.status,
        packagesCount: reports.packagesCount,
        updatesCount: reports.updatesCount,
        securityUpdatesCount: reports.securityUpdatesCount,
        payloadBytes: reports.payloadBytes,
        executionTimeMs: reports.executionTimeMs,
        agentVersion: reports.agentVersion,
        error: reports.error,
      })
      .from(reports)
      .where(where)
      .orderBy(desc(reports.createdAt), desc(reports.id))
      .limit(query.limit)
      .offset(query.offset),
    db.$count(reports, where),
  ]);
  return { rows, total };
}

export type HostReportRow = Awaited<ReturnType<typeof listHostReportsPage>>["rows"][number];

/** The host's most recent agent commands and where each one is (queued, delivered, expired). */
export async function listRecentHostCommands(hostId: string, limit = 20, db: Executor = getDb()) {
  return db
    .select({
      id: agentCommands.id,
      type: agentCommands.type,
      status: agentCommands.status,
      createdAt: agentCommands.createdAt,
      deliveredAt: agentCommands.deliveredAt,
      expiresAt: agentCommands.expiresAt,
    })
    .from(agentCommands)
    .where(eq(agentCommands.hostId, hostId))
    .orderBy(desc(agentCommands.createdAt), desc(agentCommands.id))
    .limit(limit);
}

export type HostCommandRow = Awaited<ReturnType<typeof listRecentHostCommands>>[number];

type Changed = { id: string; apiId: string; friendlyName: string } | undefined;

const changedColumns = { id: hosts.id, apiId: hosts.apiId, friendlyName: hosts.friendlyName };

export async function setHostNotesInScope(
  id: string,
  notes: string | null,
  scope: HostScope,
  db: Executor = getDb(),
): Promise<Changed> {
  const [row] = await db
    .update(hosts)
    .set({ notes, updatedAt: sql`now()` })
    .where(inScope(id, scope))
    .returning(changedColumns);
  return row;
}

export async function setHostAutoUpdateInScope(
  id: string,
  autoUpdate: boolean,
  scope: HostScope,
  db: Executor = getDb(),
): Promise<Changed> {
  const [row] = await db
    .update(hosts)
    .set({ autoUpdate, updatedAt: sql`now()` })
    .where(inScope(id, scope))
    .returning(changedColumns);
  return row;
}
