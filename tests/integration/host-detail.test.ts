// The host detail services against real PostgreSQL: scope hides every tab's data, the packages tab
// orders, filters and pages in SQL, and the changes (notes, auto-update, report now) are permission
// checked, validated and audited.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agentCommands, auditLog, hostPackages, hosts, packages, reports } from "@/db/schema";
import { NotFoundError, PermissionError, ServiceError } from "@/lib/errors";
import {
  getHostAgentInfoFor,
  getHostDetailFor,
  issueHostInstallCommandFor,
  listHostPackagesFor,
  listHostReportsFor,
  listHostRepositoriesFor,
  NOTES_MAX_LENGTH,
  requestHostReportFor,
  setHostAutoUpdateFor,
  updateHostNotesFor,
} from "@/lib/hosts/detail";
import { signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { createFleet, type Fleet, scopedRole, userWithScope } from "./host-scope-support";

const tag = `hd${randomBytes(3).toString("hex")}`;

/** 60 packages on inA: 3 security updates, 4 other updates, the rest current. */
async function addPackages(hostId: string) {
  const db = getDb();
  const made = await db
    .insert(packages)
    .values(
      Array.from({ length: 60 }, (_, i) => ({
        name: `${tag}-pkg-${String(i).padStart(2, "0")}`,
        packageManager: "apt",
      })),
    )
    .returning({ id: packages.id, name: packages.name });
  await db.insert(hostPackages).values(
    made.map((p, i) => ({
      hostId,
      packageId: p.id,
      currentVersion: "1.0",
      availableVersion: i >= 50 ? "2.0" : null,
      needsUpdate: i >= 50 && i < 57,
      isSecurityUpdate: i >= 54 && i < 57 ? true : i >= 50 ? false : null,
      firstSeenAt: i >= 50 ? new Date(Date.now() - i * 60_000) : null,
    })),
  );
}

async function auditRows(action: string, hostId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, hostId)));
}

describe("host detail", () => {
  useMigratedDatabase();
  let fleet: Fleet;
  let admin: TestUser;
  let scoped: TestUser;
  let readonly: TestUser;

  it("hides every tab of a host outside the actor's scope, and malformed ids", async () => {
    fleet = await createFleet();
    admin = await signedInUser("admin");
    readonly = await signedInUser("readonly");
    scoped = await userWithScope(await scopedRole([fleet.groups.a]));
    const outside = fleet.hosts.inB;
    const reads = [
      () => getHostDetailFor(scoped.actor, outside),
      () => listHostPackagesFor(scoped.actor, outside),
      () => listHostRepositoriesFor(scoped.actor, outside),
      () => listHostReportsFor(scoped.actor, outside),
      () => getHostAgentInfoFor(scoped.actor, outside),
      () => updateHostNotesFor(scoped.actor, outside, { notes: "x" }),
      () => setHostAutoUpdateFor(scoped.actor, outside, false),
      () => requestHostReportFor(scoped.actor, outside),
      () => issueHostInstallCommandFor(scoped.actor, outside),
      () => getHostDetailFor(admin.actor, "not-a-uuid"),
      () => listHostPackagesFor(admin.actor, "00000000-0000-4000-8000-000000000000"),
    ];
    for (const read of reads) await expect(read()).rejects.toBeInstanceOf(NotFoundError);
    // Inside scope the same calls answer.
    const { host, facts } = await getHostDetailFor(scoped.actor, fleet.hosts.inA);
    expect(host.id).toBe(fleet.hosts.inA);
    expect(facts).not.toHaveProperty("apiKeyHash");
    expect(facts).not.toHaveProperty("packagesHash");
    expect((await listHostRepositoriesFor(scoped.actor, fleet.hosts.inA)).map((r) => r.name)).toEqual([
      `${fleet.tag}-r1`,
    ]);
  });

  it("lists a host's packages security first, then updates, then by name, paged with a total", async () => {
    await addPackages(fleet.hosts.inA);
    const first = await listHostPackagesFor(admin.actor, fleet.hosts.inA);
    expect(first.total).toBe(61); // 60 here plus the fleet's own security update P1
    expect(first.rows).toHaveLength(50);
    const flags = first.rows.map((r) => (r.needsUpdate ? (r.isSecurityUpdate ? "S" : "U") : "-"));
    expect(flags.slice(0, 11).join("")).toBe("SSSSUUUU---");
    expect(first.rows.slice(0, 4).map((r) => r.name)).toEqual([
      `${tag}-pkg-54`,
      `${tag}-pkg-55`,
      `${tag}-pkg-56`,
      `${fleet.tag}-p1`,
    ]);
    expect(first.rows[1]?.pendingSince).toBeInstanceOf(Date);
    const second = await listHostPackagesFor(admin.actor, fleet.hosts.inA, { page: "2" });
    expect(second.rows).toHaveLength(11);
    const names = new Set([...first.rows, ...second.rows].map((r) => r.name));
    expect(names.size).toBe(61);

    const updates = await listHostPackagesFor(admin.actor, fleet.hosts.inA, { filter: "updates" });
    expect(updates.total).toBe(8);
    const security = await listHostPackagesFor(admin.actor, fleet.hosts.inA, { filter: "security" });
    expect(security.total).toBe(4);
    expect(security.rows.every((r) => r.isSecurityUpdate && r.needsUpdate)).toBe(true);
    const searched = await listHostPackagesFor(admin.actor, fleet.hosts.inA, { search: `${tag}-pkg-1` });
    expect(searched.total).toBe(10);
    // LIKE wildcards in the search are literal.
    expect((await listHostPackagesFor(admin.actor, fleet.hosts.inA, { search: "%" })).total).toBe(0);
    // Nonsense parameters fall back to the defaults instead of failing the page.
    const fallback = await listHostPackagesFor(admin.actor, fleet.hosts.inA, { filter: "bogus", page: "x" });
    expect([fallback.filter, fallback.page]).toEqual(["all", 1]);
  });

  it("pages report history newest first", async () => {
    const base = Date.now() - 3_600_000;
    await getDb()
      .insert(reports)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          hostId: fleet.hosts.inA,
          createdAt: new Date(base + i * 1000),
          status: i === 29 ? ("failed" as const) : ("success" as const),
          packagesCount: i,
          error: i === 29 ? "apt-get failed" : null,
        })),
      );
    const first = await listHostReportsFor(readonly.actor, fleet.hosts.inA);
    expect(first.total).toBe(30);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]).toMatchObject({ status: "failed", error: "apt-get failed", packagesCount: 29 });
    const second = await listHostReportsFor(readonly.actor, fleet.hosts.inA, { page: 2 });
    expect(second.rows.map((r) => r.packagesCount)).toEqual([4, 3, 2, 1, 0]);
  });

  it("saves notes up to the limit, refuses longer notes and readonly users, and audits", async () => {
    await expect(updateHostNotesFor(readonly.actor, fleet.hosts.inA, { notes: "hi" })).rejects.toBeInstanceOf(
      PermissionError,
    );
    const tooLong = updateHostNotesFor(admin.actor, fleet.hosts.inA, {
      notes: "x".repeat(NOTES_MAX_LENGTH + 1),
    });
    await expect(tooLong).rejects.toBeInstanceOf(ServiceError);
    await expect(tooLong).rejects.toMatchObject({
      fieldErrors: { notes: [expect.stringMatching(/10,000/)] },
    });
    const saved = await updateHostNotesFor(scoped.actor, fleet.hosts.inA, {
      notes: `  ${"y".repeat(NOTES_MAX_LENGTH)} `,
    });
    expect(saved.notes).toHaveLength(NOTES_MAX_LENGTH);
    expect((await getHostDetailFor(admin.actor, fleet.hosts.inA)).facts.notes).toHaveLength(NOTES_MAX_LENGTH);
    const rows = await auditRows("host.notes_updated", fleet.hosts.inA);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.details).toMatchObject({ length: NOTES_MAX_LENGTH });
    expect(JSON.stringify(rows[0]?.details)).not.toContain("yyyy");
    await updateHostNotesFor(admin.actor, fleet.hosts.inA, { notes: "   " });
    expect((await getHostDetailFor(admin.actor, fleet.hosts.inA)).facts.notes).toBeNull();
  });

  it("toggles auto-update for one host, audited; readonly refused", async () => {
    await expect(setHostAutoUpdateFor(readonly.actor, fleet.hosts.inA, false)).rejects.toBeInstanceOf(
      PermissionError,
    );
    await setHostAutoUpdateFor(admin.actor, fleet.hosts.inA, false);
    const autoOf = async (id: string) =>
      (await getDb().select({ a: hosts.autoUpdate }).from(hosts).where(eq(hosts.id, id)))[0]?.a;
    expect(await autoOf(fleet.hosts.inA)).toBe(false);
    expect(await autoOf(fleet.hosts.inB)).toBe(true);
    await setHostAutoUpdateFor(admin.actor, fleet.hosts.inA, true);
    expect(await autoOf(fleet.hosts.inA)).toBe(true);
    expect(await auditRows("host.auto_update_changed", fleet.hosts.inA)).toHaveLength(2);
  });

  it("queues exactly one report-now command however often it is pressed; readonly refused", async () => {
    await expect(requestHostReportFor(readonly.actor, fleet.hosts.inA)).rejects.toBeInstanceOf(
      PermissionError,
    );
    expect(await requestHostReportFor(admin.actor, fleet.hosts.inA)).toEqual({ queued: true });
    expect(await requestHostReportFor(scoped.actor, fleet.hosts.inA)).toEqual({ queued: false });
    const queued = await getDb()
      .select()
      .from(agentCommands)
      .where(and(eq(agentCommands.hostId, fleet.hosts.inA), eq(agentCommands.type, "report_now")));
    expect(queued).toHaveLength(1);
    const info = await getHostAgentInfoFor(readonly.actor, fleet.hosts.inA);
    expect(info.commands).toMatchObject([{ type: "report_now", status: "queued", deliveredAt: null }]);
    expect(info.removeCommand).toMatch(/^curl -sk? \S+\/api\/v1\/hosts\/remove \| sudo sh$/);
    expect(await auditRows("host.report_requested", fleet.hosts.inA)).toHaveLength(1);
  });

  it("issues an install command only to managers, with a one-time token and no key", async () => {
    await expect(issueHostInstallCommandFor(readonly.actor, fleet.hosts.inA)).rejects.toBeInstanceOf(
      PermissionError,
    );
    const issued = await issueHostInstallCommandFor(admin.actor, fleet.hosts.inA);
    expect(issued.command).toMatch(/X-Bootstrap-Token: [0-9a-f]{64}/);
    expect(issued.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await auditRows("host.install_command_issued", fleet.hosts.inA)).toHaveLength(1);
  });
});
