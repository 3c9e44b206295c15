// The Hosts page's list: filters, sorts and pagination in SQL, inside the actor's host-group scope.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { hosts } from "@/db/schema";
import { listHostsFor } from "@/lib/hosts/service";
import { signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { createFleet, type Fleet, scopedRole, userWithScope } from "./host-scope-support";

const names = (page: { hosts: { friendlyName: string }[] }) => page.hosts.map((host) => host.friendlyName);

describe("listHostsFor", () => {
  useMigratedDatabase();
  let fleet: Fleet;
  let admin: TestUser;
  let tag: string;

  it("finds hosts by name, hostname, IP, OS and notes", async () => {
    fleet = await createFleet();
    tag = fleet.tag;
    admin = await signedInUser("admin");
    const db = getDb();
    await db
      .update(hosts)
      .set({
        hostname: `${tag}-box.lan`,
        ip: "10.99.1.7",
        osType: `${tag}os`,
        osVersion: "12",
        needsReboot: true,
      })
      .where(eq(hosts.id, fleet.hosts.inB));
    await db
      .update(hosts)
      .set({ notes: `rack ${tag}-rack4`, status: "offline", lastReportStatus: "failed" })
      .where(eq(hosts.id, fleet.hosts.inAC));
    expect((await listHostsFor(admin.actor, { search: tag })).total).toBe(4);
    expect(names(await listHostsFor(admin.actor, { search: `${tag}-box` }))).toEqual([`${tag}-in-b`]);
    expect(names(await listHostsFor(admin.actor, { search: `${tag}os` }))).toEqual([`${tag}-in-b`]);
    expect(names(await listHostsFor(admin.actor, { search: `${tag}-rack4` }))).toEqual([`${tag}-in-ac`]);
    const byIp = await listHostsFor(admin.actor, { search: "10.99.1.7" });
    expect(byIp.hosts.map((host) => host.id)).toContain(fleet.hosts.inB);
  });

  it("filters by group, ungrouped, status, report failed, OS, updates, security, reboot and stale", async () => {
    const list = async (filters: Record<string, unknown>) =>
      names(await listHostsFor(admin.actor, { search: tag, ...filters })).sort();
    expect(await list({ group: fleet.groups.a })).toEqual([`${tag}-in-a`, `${tag}-in-ac`]);
    expect(await list({ group: "ungrouped" })).toEqual([`${tag}-ungrouped`]);
    expect(await list({ status: "active" })).toEqual([`${tag}-in-a`, `${tag}-in-b`]);
    expect(await list({ status: "report_failed" })).toEqual([`${tag}-in-ac`]);
    expect(await list({ os: `${tag}os` })).toEqual([`${tag}-in-b`]);
    expect(await list({ updates: "1" })).toEqual([`${tag}-in-a`, `${tag}-in-b`]);
    expect(await list({ security: "1" })).toEqual([`${tag}-in-a`]);
    expect(await list({ reboot: "true" })).toEqual([`${tag}-in-b`]);
    expect(await list({ stale: "1" })).toEqual([`${tag}-in-ac`]);
    expect(await list({ security: "0" })).toHaveLength(4);
    expect(await list({ ids: `${fleet.hosts.inA},${fleet.hosts.ungrouped}` })).toEqual([
      `${tag}-in-a`,
      `${tag}-ungrouped`,
    ]);
  });

  it("sorts on every column both ways, with a stable tie-break", async () => {
    const sorted = async (sort: string, order: "asc" | "desc") =>
      names(await listHostsFor(admin.actor, { search: tag, sort: sort as "name", order }));
    expect(await sorted("name", "asc")).toEqual([
      `${tag}-in-a`,
      `${tag}-in-ac`,
      `${tag}-in-b`,
      `${tag}-ungrouped`,
    ]);
    expect(await sorted("name", "desc")).toEqual([
      `${tag}-ungrouped`,
      `${tag}-in-b`,
      `${tag}-in-ac`,
      `${tag}-in-a`,
    ]);
    expect((await sorted("security_updates", "desc"))[0]).toBe(`${tag}-in-a`);
    expect((await sorted("reboot", "desc"))[0]).toBe(`${tag}-in-b`);
    // Hosts in no group sort last whichever way (nulls last).
    expect((await sorted("groups", "asc")).at(-1)).toBe(`${tag}-ungrouped`);
    expect((await sorted("groups", "desc")).at(-1)).toBe(`${tag}-ungrouped`);
    for (const sort of [
      "hostname",
      "ip",
      "os",
      "agent_version",
      "uptime",
      "oldest_security",
      "last_report",
    ]) {
      const asc = await sorted(sort, "asc");
      expect(asc).toHaveLength(4);
      expect(new Set(asc).size).toBe(4);
    }
  });

  it("pages with a total, pages never overlap", async () => {
    const first = await listHostsFor(admin.actor, { search: tag, pageSize: 3, page: 1 });
    const second = await listHostsFor(admin.actor, { search: tag, pageSize: 3, page: 2 });
    expect(first.total).toBe(4);
    expect(first.hosts).toHaveLength(3);
    expect(second.hosts).toHaveLength(1);
    expect(new Set([...names(first), ...names(second)]).size).toBe(4);
  });

  it("carries each host's groups with their colours", async () => {
    const [host] = (await listHostsFor(admin.actor, { search: `${tag}-in-ac` })).hosts;
    expect(host?.groups).toHaveLength(2);
    expect(host?.groups[0]).toMatchObject({ name: `${tag}-group-a`, color: expect.stringMatching(/^#/) });
  });

  it("shows a scoped user only its groups' hosts, even with the ungrouped filter", async () => {
    const scoped = await userWithScope(await scopedRole([fleet.groups.a]));
    expect(names(await listHostsFor(scoped.actor, { search: tag })).sort()).toEqual([
      `${tag}-in-a`,
      `${tag}-in-ac`,
    ]);
    expect((await listHostsFor(scoped.actor, { search: tag, group: "ungrouped" })).total).toBe(0);
    expect((await listHostsFor(scoped.actor, { search: tag, group: fleet.groups.b })).total).toBe(0);
  });

  it("rejects unknown sorts and statuses", async () => {
    await expect(listHostsFor(admin.actor, { sort: "api_key_hash" as "name" })).rejects.toThrow();
    await expect(listHostsFor(admin.actor, { status: "bogus" as "active" })).rejects.toThrow();
  });
});
