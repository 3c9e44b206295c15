// Report ingestion against a real database: set semantics, first_seen_at, catalogue keys,
// repositories, failed and unchanged reports, counts and history. Concurrency and statement counts
// are in ingestion-concurrency.test.ts.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { lockHostForReport } from "@/db/queries/report-host";
import { withTransaction } from "@/db/queries/transaction";
import { hostRepositories, hosts, packages, reports, repositories, settings } from "@/db/schema";
import { ingestReport } from "@/lib/agent/ingest";
import { agentReportSchema } from "@/lib/agent/report-schema";
import { useMigratedDatabase } from "../support/database";
import { addHost, hostPackageRows, pkg, report } from "./ingestion-support";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));

async function hostRow(id: string) {
  const [row] = await getDb().select().from(hosts).where(eq(hosts.id, id));
  if (!row) throw new Error("host missing");
  return row;
}

async function historyOf(hostId: string) {
  return getDb().select().from(reports).where(eq(reports.hostId, hostId)).orderBy(asc(reports.createdAt));
}

describe("report ingestion", () => {
  useMigratedDatabase();

  it("commits a report without waiting for its WAL flush, and only that transaction", async () => {
    const host = await addHost();
    const setting = async (db: Pick<ReturnType<typeof getDb>, "execute">) => {
      const rows = await db.execute(sql`select current_setting('synchronous_commit') as value`);
      return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as { value: string };
    };
    const inside = await withTransaction(async (tx) => {
      await lockHostForReport(host.id, tx);
      return setting(tx);
    });
    expect(inside.value).toBe("off");
    expect((await setting(getDb())).value).toBe("on");
  });

  it("ingests the spec sample and the PatchMon 1.4 Go report with counts, facts and history", async () => {
    const host = await addHost();
    const body = fixture("spec-sample-report.json");
    const result = await ingestReport({
      hostId: host.id,
      report: agentReportSchema.parse(JSON.parse(body)),
      payloadBytes: Buffer.byteLength(body),
      receivedAt: at(0),
    });
    expect(result).toEqual({
      outcome: "accepted",
      status: "success",
      packagesProcessed: 4,
      updatesAvailable: 2,
      securityUpdates: 1,
      crontabUpdate: true,
      evaluateAlerts: true, // never evaluated before
    });
    const row = await hostRow(host.id);
    expect(row).toMatchObject({
      status: "active",
      hostname: "web-01",
      osType: "debian",
      selinuxStatus: "disabled",
      needsReboot: true,
      totalPackages: 4,
      updatesCount: 2,
      securityUpdatesCount: 1,
      oldestSecurityPendingSince: at(0),
      lastReportStatus: "success",
      lastReportAt: at(0),
      lastContactAt: at(0),
      updateIntervalApplied: 60,
    });
    expect(row.networkInterfaces?.[0]?.addresses?.[0]?.address).toBe("192.0.2.10");
    expect(await historyOf(host.id)).toMatchObject([
      {
        status: "success",
        packagesCount: 4,
        updatesCount: 2,
        securityUpdatesCount: 1,
        executionTimeMs: 2350,
      },
    ]);
    expect((await historyOf(host.id))[0]?.payloadBytes).toBe(Buffer.byteLength(body));

    const go = await addHost();
    const goResult = await ingestReport({
      hostId: go.id,
      report: agentReportSchema.parse(JSON.parse(fixture("patchmon-go-1.4-report.json"))),
      payloadBytes: 100,
    });
    expect(goResult).toMatchObject({ status: "success", packagesProcessed: 3, updatesAvailable: 2 });
    expect(await hostRow(go.id)).toMatchObject({ selinuxStatus: "enforcing", cpuCores: 0, gatewayIp: null });
  });

  it("inserts new rows, updates changed ones, deletes vanished ones and leaves the rest untouched", async () => {
    const host = await addHost();
    await ingestReport({
      hostId: host.id,
      report: report([pkg("keep"), pkg("bump"), pkg("flag", { availableVersion: "2" }), pkg("gone")]),
      payloadBytes: 1,
      receivedAt: at(0),
    });
    const before = await hostPackageRows(host.id);
    const second = await ingestReport({
      hostId: host.id,
      report: report([pkg("keep"), pkg("bump", { currentVersion: "1.1" }), pkg("flag"), pkg("new")]),
      payloadBytes: 1,
      receivedAt: at(5),
    });
    expect(second).toMatchObject({ packagesProcessed: 4, updatesAvailable: 0, securityUpdates: 0 });
    const after = await hostPackageRows(host.id);
    expect([...after.keys()].sort()).toEqual(["bump", "flag", "keep", "new"]);
    expect(after.get("keep")).toEqual(before.get("keep"));
    expect(after.get("bump")).toMatchObject({ currentVersion: "1.1", updatedAt: at(5) });
    expect(after.get("bump")?.xmin).not.toBe(before.get("bump")?.xmin);
    expect(after.get("flag")).toMatchObject({
      needsUpdate: false,
      availableVersion: null,
      firstSeenAt: null,
    });
    expect(after.get("new")).toMatchObject({ currentVersion: "1.0", updatedAt: at(5) });
    expect(await hostRow(host.id)).toMatchObject({ totalPackages: 4, updatesCount: 0 });
  });

  it("keeps first_seen_at while the same version stays pending and resets it on a new one", async () => {
    const host = await addHost();
    const send = (availableVersion: string | undefined, minutes: number) =>
      ingestReport({
        hostId: host.id,
        report: report([pkg("openssl", { availableVersion, isSecurityUpdate: true }), pkg("other")]),
        payloadBytes: 1,
        receivedAt: at(minutes),
      });
    const seen = async () => (await hostPackageRows(host.id)).get("openssl")?.firstSeenAt;
    await send("3.0.2", 0);
    await send("3.0.2", 10);
    expect(await seen()).toEqual(at(0));
    expect((await hostRow(host.id)).oldestSecurityPendingSince).toEqual(at(0));
    await send("3.0.3", 20);
    expect(await seen()).toEqual(at(20));
    await send(undefined, 30);
    expect(await seen()).toBeNull();
    expect((await hostRow(host.id)).oldestSecurityPendingSince).toBeNull();
    await send("3.0.3", 40);
    expect(await seen()).toEqual(at(40));
  });

  it("keys packages by name and manager: one host's versions never overwrite another's", async () => {
    const debian = await addHost();
    const alpine = await addHost();
    const name = `openssl-${randomBytes(3).toString("hex")}`;
    await ingestReport({
      hostId: debian.id,
      report: report([pkg(name, { currentVersion: "3.0.11", availableVersion: "3.0.15" })], {
        osType: "debian",
      }),
      payloadBytes: 1,
    });
    await ingestReport({
      hostId: alpine.id,
      report: report([pkg(name, { currentVersion: "3.3.2-r0" })], { osType: "alpine" }),
      payloadBytes: 1,
    });
    const catalogue = await getDb()
      .select({ manager: packages.packageManager })
      .from(packages)
      .where(eq(packages.name, name))
      .orderBy(asc(packages.packageManager));
    expect(catalogue.map((row) => row.manager)).toEqual(["apk", "apt"]);
    expect((await hostPackageRows(debian.id)).get(name)).toMatchObject({
      currentVersion: "3.0.11",
      needsUpdate: true,
    });
    expect((await hostPackageRows(alpine.id)).get(name)).toMatchObject({
      currentVersion: "3.3.2-r0",
      needsUpdate: false,
    });
  });

  it("replaces repositories only when present; [] clears them", async () => {
    const host = await addHost();
    const repo = (url: string) => ({
      name: url,
      url,
      distribution: "bookworm",
      components: "main",
      repoType: "deb",
    });
    const send = (repos?: unknown[]) =>
      ingestReport({ hostId: host.id, report: report([pkg("a")], { repositories: repos }), payloadBytes: 1 });
    const urls = async () =>
      (
        await getDb()
          .select({ url: repositories.url })
          .from(hostRepositories)
          .innerJoin(repositories, eq(repositories.id, hostRepositories.repositoryId))
          .where(eq(hostRepositories.hostId, host.id))
      )
        .map((row) => row.url)
        .sort();
    await send([repo("http://a.example/debian"), repo("http://b.example/debian")]);
    expect(await urls()).toEqual(["http://a.example/debian", "http://b.example/debian"]);
    await send(undefined);
    expect(await urls()).toHaveLength(2);
    await send([repo("http://b.example/debian"), repo("http://c.example/debian")]);
    expect(await urls()).toEqual(["http://b.example/debian", "http://c.example/debian"]);
    await send([]);
    expect(await urls()).toEqual([]);
  });

  it("keeps the inventory on collectionError, marks the report failed and refreshes facts", async () => {
    const host = await addHost();
    await ingestReport({
      hostId: host.id,
      report: report([pkg("a", { availableVersion: "2" }), pkg("b")], { packagesHash: "h1" }),
      payloadBytes: 1,
      receivedAt: at(0),
    });
    const before = await hostPackageRows(host.id);
    const result = await ingestReport({
      hostId: host.id,
      report: report([], { collectionError: "E: Could not get lock", hostname: "renamed" }),
      payloadBytes: 1,
      receivedAt: at(5),
    });
    expect(result).toMatchObject({ status: "failed", packagesProcessed: 0, updatesAvailable: 1 });
    expect(await hostPackageRows(host.id)).toEqual(before);
    expect(await hostRow(host.id)).toMatchObject({
      lastReportStatus: "failed",
      lastReportError: "E: Could not get lock",
      hostname: "renamed",
      lastContactAt: at(5),
      packagesHash: "h1",
      totalPackages: 2,
    });
    expect((await historyOf(host.id)).map((r) => [r.status, r.error])).toEqual([
      ["success", null],
      ["failed", "E: Could not get lock"],
    ]);
  });

  it("accepts packagesUnchanged only when the stored hash matches", async () => {
    const host = await addHost();
    const unchanged = (hash: string, minutes: number) =>
      ingestReport({
        hostId: host.id,
        report: report([], { packagesUnchanged: true, packagesHash: hash, hostname: `h${minutes}` }),
        payloadBytes: 1,
        receivedAt: at(minutes),
      });
    expect(await unchanged("h1", 0)).toEqual({ outcome: "full-report-required" });
    expect(await historyOf(host.id)).toHaveLength(0);
    expect(await hostRow(host.id)).toMatchObject({ status: "pending", hostname: null, lastContactAt: null });

    await ingestReport({
      hostId: host.id,
      report: report([pkg("a", { availableVersion: "2", isSecurityUpdate: true })], { packagesHash: "h1" }),
      payloadBytes: 1,
      receivedAt: at(1),
    });
    const rows = await hostPackageRows(host.id);
    expect(await unchanged("h1", 2)).toEqual({
      outcome: "accepted",
      status: "unchanged",
      packagesProcessed: 1,
      updatesAvailable: 1,
      securityUpdates: 1,
      crontabUpdate: false,
      evaluateAlerts: true, // never evaluated before
    });
    expect(await hostPackageRows(host.id)).toEqual(rows);
    expect(await hostRow(host.id)).toMatchObject({
      hostname: "h2",
      lastContactAt: at(2),
      lastReportStatus: "unchanged",
    });
    expect(await unchanged("h2", 3)).toEqual({ outcome: "full-report-required" });
    expect(await hostRow(host.id)).toMatchObject({ hostname: "h2", lastContactAt: at(2) });
    expect((await historyOf(host.id)).map((r) => r.status)).toEqual(["success", "unchanged"]);

    // A full report without a hash clears the stored one: it no longer describes the stored list.
    await ingestReport({ hostId: host.id, report: report([pkg("a")]), payloadBytes: 1, receivedAt: at(4) });
    expect(await unchanged("h1", 5)).toEqual({ outcome: "full-report-required" });
  });

  it("asks for a crontab update when the server's interval changed since the last report", async () => {
    const host = await addHost();
    const send = () => ingestReport({ hostId: host.id, report: report([pkg("a")]), payloadBytes: 1 });
    expect(await send()).toMatchObject({ crontabUpdate: true });
    expect(await send()).toMatchObject({ crontabUpdate: false });
    await getDb().update(settings).set({ updateInterval: 30 }).where(eq(settings.id, 1));
    try {
      expect(await send()).toMatchObject({ crontabUpdate: true });
      expect(await send()).toMatchObject({ crontabUpdate: false });
      expect((await hostRow(host.id)).updateIntervalApplied).toBe(30);
    } finally {
      await getDb().update(settings).set({ updateInterval: 60 }).where(eq(settings.id, 1));
    }
  });
});
