// Bulk actions and the CSV export of the Hosts page: every id is checked against the actor's scope,
// read-only actors are refused by the server, and the export streams the filtered rows.
import "next/dist/server/node-environment-baseline.js";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deleteHostsAction, requestReportsAction } from "@/app/(app)/hosts/actions";
import { GET as exportHosts } from "@/app/api/v1/hosts/export/route";
import { getDb } from "@/db/client";
import { agentCommands, auditLog, hostGroupMemberships, hosts, roles } from "@/db/schema";
import { NotFoundError, PermissionError, ServiceError } from "@/lib/errors";
import { assignHostGroupsFor, deleteHostsFor, requestReportsFor } from "@/lib/hosts/bulk";
import { signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { callRoute, sessionCookie } from "../support/route-session";
import { createFleet, type Fleet, scopedRole, userWithScope } from "./host-scope-support";

async function as(who: TestUser, url: string) {
  const headers = new Headers({ cookie: await sessionCookie(who.actor.sessionId, who.userId) });
  return new Request(url, { headers });
}

async function groupsOf(hostId: string) {
  const rows = await getDb()
    .select({ id: hostGroupMemberships.hostGroupId })
    .from(hostGroupMemberships)
    .where(eq(hostGroupMemberships.hostId, hostId));
  return rows.map((row) => row.id).sort();
}

async function existing(ids: string[]) {
  const rows = await getDb().select({ id: hosts.id }).from(hosts).where(inArray(hosts.id, ids));
  return rows.length;
}

describe("Hosts bulk actions", () => {
  useMigratedDatabase();
  let fleet: Fleet;
  let admin: TestUser;
  let scoped: TestUser;
  let readonly: TestUser;

  it("refuses read-only actors in the service and through the server action", async () => {
    fleet = await createFleet();
    admin = await signedInUser("admin");
    scoped = await userWithScope(await scopedRole([fleet.groups.a]));
    readonly = await signedInUser("readonly");
    const ids = [fleet.hosts.inA];
    await expect(requestReportsFor(readonly.actor, { hostIds: ids })).rejects.toBeInstanceOf(PermissionError);
    await expect(
      assignHostGroupsFor(readonly.actor, { hostIds: ids, groupIds: [fleet.groups.b], mode: "add" }),
    ).rejects.toBeInstanceOf(PermissionError);
    await expect(
      deleteHostsFor(readonly.actor, { hostIds: ids, confirmation: "delete 1 host" }),
    ).rejects.toBeInstanceOf(PermissionError);
    const viaAction = await callRoute(
      async () => {
        return Response.json(await deleteHostsAction(null, { hostIds: ids, confirmation: "delete 1 host" }));
      },
      await as(readonly, "http://localhost:3000/hosts"),
    );
    expect(await viaAction.json()).toMatchObject({ ok: false });
    const report = await callRoute(
      async () => {
        return Response.json(await requestReportsAction(null, { hostIds: ids }));
      },
      await as(readonly, "http://localhost:3000/hosts"),
    );
    expect(await report.json()).toMatchObject({ ok: false });
    expect(await existing(ids)).toBe(1);
  });

  it("refuses the whole action when one id is outside the actor's scope", async () => {
    const mixed = [fleet.hosts.inA, fleet.hosts.inB];
    await expect(requestReportsFor(scoped.actor, { hostIds: mixed })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      assignHostGroupsFor(scoped.actor, { hostIds: mixed, groupIds: [fleet.groups.a], mode: "add" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      deleteHostsFor(scoped.actor, { hostIds: mixed, confirmation: "delete 2 hosts" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      deleteHostsFor(scoped.actor, { hostIds: ["not-a-uuid"], confirmation: "delete 1 host" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await existing(mixed)).toBe(2);
    expect(await groupsOf(fleet.hosts.inB)).toEqual([fleet.groups.b]);
    const queued = await getDb()
      .select()
      .from(agentCommands)
      .where(eq(agentCommands.hostId, fleet.hosts.inA));
    expect(queued).toHaveLength(0);
  });

  it("adds and removes groups; a scoped user may not assign foreign groups nor orphan a host", async () => {
    await assignHostGroupsFor(admin.actor, {
      hostIds: [fleet.hosts.inB],
      groupIds: [fleet.groups.c],
      mode: "add",
    });
    expect(await groupsOf(fleet.hosts.inB)).toEqual([fleet.groups.b, fleet.groups.c].sort());
    await assignHostGroupsFor(admin.actor, {
      hostIds: [fleet.hosts.inB],
      groupIds: [fleet.groups.c],
      mode: "remove",
    });
    expect(await groupsOf(fleet.hosts.inB)).toEqual([fleet.groups.b]);
    await expect(
      assignHostGroupsFor(scoped.actor, {
        hostIds: [fleet.hosts.inA],
        groupIds: [fleet.groups.b],
        mode: "add",
      }),
    ).rejects.toBeInstanceOf(ServiceError);
    await expect(
      assignHostGroupsFor(scoped.actor, {
        hostIds: [fleet.hosts.inA],
        groupIds: [fleet.groups.a],
        mode: "remove",
      }),
    ).rejects.toBeInstanceOf(ServiceError);
    expect(await groupsOf(fleet.hosts.inA)).toEqual([fleet.groups.a]);
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "host.groups_changed"), eq(auditLog.targetId, fleet.hosts.inB)));
    expect(audits).toHaveLength(2);
  });

  it("queues one report_now per host", async () => {
    const result = await requestReportsFor(scoped.actor, { hostIds: [fleet.hosts.inA, fleet.hosts.inAC] });
    expect(result).toEqual({ count: 2, queued: 2 });
    const again = await requestReportsFor(scoped.actor, { hostIds: [fleet.hosts.inA] });
    expect(again.queued).toBe(0);
    const rows = await getDb()
      .select({ type: agentCommands.type })
      .from(agentCommands)
      .where(eq(agentCommands.hostId, fleet.hosts.inA));
    expect(rows).toEqual([{ type: "report_now" }]);
  });

  it("deletes only with the typed phrase", async () => {
    const ids = [fleet.hosts.inA, fleet.hosts.inAC];
    await expect(
      deleteHostsFor(scoped.actor, { hostIds: ids, confirmation: "delete 1 host" }),
    ).rejects.toBeInstanceOf(ServiceError);
    expect(await existing(ids)).toBe(2);
    expect(await deleteHostsFor(scoped.actor, { hostIds: ids, confirmation: "delete 2 hosts" })).toEqual({
      count: 2,
    });
    expect(await existing(ids)).toBe(0);
  });
});

describe("GET /api/v1/hosts/export", () => {
  useMigratedDatabase();

  it("streams the filtered rows as CSV, scoped, and needs can_export_data", async () => {
    const fleet = await createFleet();
    await getDb()
      .update(hosts)
      .set({ hostname: "=cmd|' /C calc'!A0", osType: "debian" })
      .where(eq(hosts.id, fleet.hosts.inA));
    const user = await signedInUser("user");
    const url = (query: string) => `http://localhost:3000/api/v1/hosts/export?q=${fleet.tag}${query}`;
    const response = await callRoute(exportHosts, await as(user, url("&security=1")));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Friendly name,Hostname,IP,Groups/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${fleet.tag}-in-a,'=cmd|' /C calc'!A0,,${fleet.tag}-group-a,debian,`);

    const all = await callRoute(exportHosts, await as(user, url("&sort=name&order=desc")));
    const names = (await all.text())
      .trimEnd()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    expect(names).toEqual([
      `${fleet.tag}-ungrouped`,
      `${fleet.tag}-in-b`,
      `${fleet.tag}-in-ac`,
      `${fleet.tag}-in-a`,
    ]);

    const roleName = await scopedRole([fleet.groups.b]);
    await getDb().update(roles).set({ canExportData: true }).where(eq(roles.name, roleName));
    const scoped = await userWithScope(roleName);
    const scopedText = await (await callRoute(exportHosts, await as(scoped, url("")))).text();
    expect(scopedText.trimEnd().split("\r\n").slice(1)).toHaveLength(1);
    expect(scopedText).toContain(`${fleet.tag}-in-b`);

    const readonly = await signedInUser("readonly");
    expect((await callRoute(exportHosts, await as(readonly, url("")))).status).toBe(403);
  });
});
