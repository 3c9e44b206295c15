// The dashboard counts and the cleanup statements against a real database.
import { randomBytes } from "node:crypto";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, observeQueries } from "@/db/client";
import {
  purgeExpiredBootstrapTokens,
  purgeExpiredEnrolmentTokens,
  purgeExpiredRememberedDevices,
} from "@/db/queries/maintenance";
import { getFleetOverview } from "@/db/queries/overview";
import {
  bootstrapTokens,
  enrolmentTokens,
  hostGroups,
  hostPackages,
  hosts,
  packages,
  repositories,
  tfaRememberedDevices,
} from "@/db/schema";
import { useMigratedDatabase } from "../support/database";
import { seedUser } from "../support/fixtures";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

async function addHost(values: Partial<typeof hosts.$inferInsert> = {}) {
  const [host] = await getDb()
    .insert(hosts)
    .values({ apiId: `patchmon_${hex(8)}`, apiKeyHash: hex(32), friendlyName: `host-${hex(3)}`, ...values })
    .returning();
  if (!host) throw new Error("host insert failed");
  return host;
}

describe("fleet overview and cleanup queries", () => {
  useMigratedDatabase();

  it("counts the fleet in one statement", async () => {
    const before = await getFleetOverview();
    const web = await addHost({
      status: "active",
      updatesCount: 3,
      securityUpdatesCount: 1,
      needsReboot: true,
    });
    const db = await addHost({ status: "stale", updatesCount: 1, securityUpdatesCount: 0 });
    await addHost({ status: "offline", lastReportStatus: "failed" });
    await addHost({ status: "pending" });
    const [openssl, curl] = await getDb()
      .insert(packages)
      .values([
        { name: `openssl-${hex(2)}`, packageManager: "apt" },
        { name: `curl-${hex(2)}`, packageManager: "apt" },
      ])
      .returning();
    if (!openssl || !curl) throw new Error("package insert failed");
    await getDb()
      .insert(hostPackages)
      .values([
        {
          hostId: web.id,
          packageId: openssl.id,
          currentVersion: "3.0.1",
          availableVersion: "3.0.2",
          needsUpdate: true,
          isSecurityUpdate: true,
        },
        {
          hostId: db.id,
          packageId: openssl.id,
          currentVersion: "3.0.1",
          availableVersion: "3.0.2",
          needsUpdate: true,
          isSecurityUpdate: false,
        },
        { hostId: web.id, packageId: curl.id, currentVersion: "7.88", needsUpdate: false },
      ]);
    await getDb()
      .insert(hostGroups)
      .values({ name: `group-${hex(3)}` });
    await getDb()
      .insert(repositories)
      .values({
        name: "main",
        url: `https://deb.example.com/${hex(2)}`,
        distribution: "bookworm",
        components: "main",
        repoType: "deb",
        isSecure: true,
      });

    const statements: string[] = [];
    const stop = observeQueries((query) => statements.push(query));
    const after = await getFleetOverview();
    stop();
    expect(statements).toHaveLength(1);

    expect(after.hosts.total - before.hosts.total).toBe(4);
    expect(after.hosts.active - before.hosts.active).toBe(1);
    expect(after.hosts.stale - before.hosts.stale).toBe(1);
    expect(after.hosts.offline - before.hosts.offline).toBe(1);
    expect(after.hosts.pending - before.hosts.pending).toBe(1);
    expect(after.hosts.needingUpdates - before.hosts.needingUpdates).toBe(2);
    expect(after.hosts.withSecurityUpdates - before.hosts.withSecurityUpdates).toBe(1);
    expect(after.hosts.needingReboot - before.hosts.needingReboot).toBe(1);
    expect(after.hosts.reportFailed - before.hosts.reportFailed).toBe(1);
    expect(after.outdatedPackages - before.outdatedPackages).toBe(1);
    expect(after.securityUpdates - before.securityUpdates).toBe(1);
    expect(after.hostGroups - before.hostGroups).toBe(1);
    expect(after.repositories - before.repositories).toBe(1);
    expect(typeof after.users).toBe("number");
  });

  it("purges used or expired bootstrap tokens and expired enrolment tokens only", async () => {
    const host = await addHost();
    const now = new Date();
    const past = new Date(now.getTime() - 60_000);
    const future = new Date(now.getTime() + 300_000);
    const tokens = await getDb()
      .insert(bootstrapTokens)
      .values([
        { tokenHash: hex(32), hostId: host.id, expiresAt: past },
        { tokenHash: hex(32), hostId: host.id, expiresAt: future, usedAt: past },
        { tokenHash: hex(32), hostId: host.id, expiresAt: future },
      ])
      .returning({ id: bootstrapTokens.id });
    const enrolment = await getDb()
      .insert(enrolmentTokens)
      .values([
        { name: "expired", tokenKey: hex(16), secretHash: hex(32), expiresAt: past },
        { name: "current", tokenKey: hex(16), secretHash: hex(32), expiresAt: future },
        { name: "forever", tokenKey: hex(16), secretHash: hex(32) },
      ])
      .returning({ id: enrolmentTokens.id });

    const userId = await seedUser();
    await getDb()
      .insert(tfaRememberedDevices)
      .values([
        { userId, tokenHash: hex(32), expiresAt: past },
        { userId, tokenHash: hex(32), expiresAt: future },
      ]);
    expect(await purgeExpiredRememberedDevices(now)).toBeGreaterThanOrEqual(1); // other test files share the database
    expect(await purgeExpiredRememberedDevices(now)).toBe(0);

    expect(await purgeExpiredBootstrapTokens(now)).toBeGreaterThanOrEqual(2);
    expect(await purgeExpiredEnrolmentTokens(now)).toBeGreaterThanOrEqual(1);
    expect(await purgeExpiredBootstrapTokens(now)).toBe(0);

    const leftBootstrap = await getDb()
      .select({ id: bootstrapTokens.id })
      .from(bootstrapTokens)
      .where(
        inArray(
          bootstrapTokens.id,
          tokens.map((t) => t.id),
        ),
      );
    expect(leftBootstrap.map((t) => t.id)).toEqual([tokens[2]?.id]);
    const leftEnrolment = await getDb()
      .select({ name: enrolmentTokens.name })
      .from(enrolmentTokens)
      .where(
        inArray(
          enrolmentTokens.id,
          enrolment.map((t) => t.id),
        ),
      );
    expect(leftEnrolment.map((t) => t.name).sort()).toEqual(["current", "forever"]);
  });
});
