// Shared by the ingestion integration tests: hosts, reports and a readable view of host_packages.
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { hostPackages, hosts, packages } from "@/db/schema";
import { type AgentReport, agentReportSchema } from "@/lib/agent/report-schema";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

export async function addHost() {
  const [host] = await getDb()
    .insert(hosts)
    .values({ apiId: `patchmon_${hex(8)}`, apiKeyHash: hex(32), friendlyName: `host-${hex(3)}` })
    .returning();
  if (!host) throw new Error("host insert failed");
  return host;
}

export const pkg = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  currentVersion: "1.0",
  needsUpdate: overrides.availableVersion !== undefined,
  isSecurityUpdate: false,
  ...overrides,
});

/** A validated report (osType debian -> apt unless overridden). */
export function report(list: unknown[], extra: Record<string, unknown> = {}): AgentReport {
  return agentReportSchema.parse({ packages: list, osType: "debian", ...extra });
}

/** The host's package rows by name, with xmin: a row that was not rewritten keeps its xmin. */
export async function hostPackageRows(hostId: string) {
  const rows = await getDb()
    .select({
      name: packages.name,
      currentVersion: hostPackages.currentVersion,
      availableVersion: hostPackages.availableVersion,
      needsUpdate: hostPackages.needsUpdate,
      isSecurityUpdate: hostPackages.isSecurityUpdate,
      firstSeenAt: hostPackages.firstSeenAt,
      updatedAt: hostPackages.updatedAt,
      xmin: sql<string>`${hostPackages}.xmin::text`,
    })
    .from(hostPackages)
    .innerJoin(packages, eq(packages.id, hostPackages.packageId))
    .where(eq(hostPackages.hostId, hostId));
  return new Map(rows.map(({ name, ...row }) => [name, row]));
}
