// host_packages has no foreign keys (migration 0006: checking them per row cost a first report more
// than writing the rows). These are the guarantees that replace them.
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { executeRows, getDb } from "@/db/client";
import { deleteOrphanPackagesBatch } from "@/db/queries/maintenance";
import { foldPackageStatDeltas, lockPackageCatalogue } from "@/db/queries/package-stats";
import { hostPackages, hosts, packages } from "@/db/schema";
import { ingestReport } from "@/lib/agent/ingest";
import { useMigratedDatabase } from "../support/database";
import { addHost, pkg, report } from "./ingestion-support";

const rowsOf = async (column: "hostId" | "packageId", ids: string[]) =>
  (await getDb().select().from(hostPackages).where(inArray(hostPackages[column], ids))).length;

describe("host_packages without foreign keys", () => {
  useMigratedDatabase();

  it("deletes a deleted host's rows and a deleted package's rows, as the cascades did", async () => {
    const [a, b] = [await addHost(), await addHost()];
    const list = [pkg("integrity-one"), pkg("integrity-two")];
    await ingestReport({ hostId: a.id, report: report(list), payloadBytes: 1 });
    await ingestReport({ hostId: b.id, report: report(list), payloadBytes: 1 });
    expect(await rowsOf("hostId", [a.id, b.id])).toBe(4);

    await getDb().delete(hosts).where(eq(hosts.id, a.id));
    expect(await rowsOf("hostId", [a.id])).toBe(0);
    expect(await rowsOf("hostId", [b.id])).toBe(2);

    const [one] = await getDb().select().from(packages).where(eq(packages.name, "integrity-one"));
    await getDb().delete(packages).where(eq(packages.name, "integrity-one"));
    expect(await rowsOf("packageId", [one?.id as string])).toBe(0);
    expect(await rowsOf("hostId", [b.id])).toBe(1);
  });

  it("does not delete an orphan package while a report that links it is being written", async () => {
    const host = await addHost();
    const [orphan] = await getDb()
      .insert(packages)
      .values({ name: "integrity-orphan", packageManager: "apt", createdAt: new Date("2020-01-01") })
      .returning({ id: packages.id });
    const orphanId = orphan?.id as string;

    // A report's transaction that has linked the package but not committed yet.
    let commit!: () => void;
    const released = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let linked!: () => void;
    const isLinked = new Promise<void>((resolve) => {
      linked = resolve;
    });
    const report_ = getDb().transaction(async (tx) => {
      await tx.insert(hostPackages).values({ hostId: host.id, packageId: orphanId, currentVersion: "1" });
      linked();
      await released;
    });
    await isLinked;

    let cleanupDone = false;
    const cleanup = deleteOrphanPackagesBatch(100, new Date()).then((count) => {
      cleanupDone = true;
      return count;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cleanupDone).toBe(false); // waits for the report: it cannot see the uncommitted row
    commit();
    await report_;
    await cleanup;

    const [still] = await getDb().select().from(packages).where(eq(packages.id, orphanId));
    expect(still?.name).toBe("integrity-orphan");
    const [dangling] = await executeRows<{ count: number }>(
      getDb(),
      sql`select count(*)::int as count from host_packages hp
          where not exists (select 1 from packages p where p.id = hp.package_id)`,
    );
    expect(Number(dangling?.count ?? -1)).toBe(0);
  });

  it("folds package counts and deletes orphan packages one at a time (they would deadlock)", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const cleanup = getDb().transaction(async (tx) => {
      await lockPackageCatalogue(tx);
      locked();
      await held;
    });
    await isLocked;
    let folded = false;
    const fold = foldPackageStatDeltas().then(() => {
      folded = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(folded).toBe(false);
    release();
    await cleanup;
    await fold;
    expect(folded).toBe(true);
  });
});
