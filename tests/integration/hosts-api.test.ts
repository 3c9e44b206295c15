// The REST routes the UI uses for hosts, called with real Request objects inside Next's request
// scope and a real next-auth session cookie: 401/403/404, the host-group scope, and credentials that
// are shown once and stored only hashed.
import "next/dist/server/node-environment-baseline.js";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as regenerate } from "@/app/api/v1/hosts/[id]/credentials/route";
import { DELETE as deleteHost, GET as getHost } from "@/app/api/v1/hosts/[id]/route";
import { POST as createHost, GET as listHosts } from "@/app/api/v1/hosts/route";
import { getDb } from "@/db/client";
import { auditLog, bootstrapTokens, hosts } from "@/db/schema";
import { issueBootstrapToken, peekBootstrapToken } from "@/lib/agent/enrolment";
import { signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { callRoute, sessionCookie } from "../support/route-session";
import { createFleet, type Fleet, scopedRole, userWithScope } from "./host-scope-support";

const BASE = "http://localhost:3000/api/v1/hosts";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function request(who: TestUser | null, path: string, init: { method?: string; body?: unknown } = {}) {
  const headers = new Headers({ "user-agent": "hosts-api-test" });
  if (who) headers.set("cookie", await sessionCookie(who.actor.sessionId, who.userId));
  if (init.body !== undefined) headers.set("content-type", "application/json");
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Request(`${BASE}${path}`, { method: init.method ?? "GET", headers, body });
}

const withId = (id: string) => ({ params: Promise.resolve({ id }) });

async function storedHash(hostId: string) {
  const [row] = await getDb().select({ hash: hosts.apiKeyHash }).from(hosts).where(eq(hosts.id, hostId));
  return row?.hash;
}

describe("/api/v1/hosts", () => {
  useMigratedDatabase();
  let fleet: Fleet;
  let scoped: TestUser;

  it("answers 401 without a session and 403 without the permission", async () => {
    fleet = await createFleet();
    scoped = await userWithScope(await scopedRole([fleet.groups.a]));
    expect((await callRoute(listHosts, await request(null, ""))).status).toBe(401);
    expect(
      (await callRoute(getHost, await request(null, `/${fleet.hosts.inA}`), withId(fleet.hosts.inA))).status,
    ).toBe(401);
    const readonly = await signedInUser("readonly");
    const denied = await callRoute(
      createHost,
      await request(readonly, "", { method: "POST", body: { friendlyName: "x" } }),
    );
    expect(denied.status).toBe(403);
    const del = await callRoute(
      deleteHost,
      await request(readonly, `/${fleet.hosts.inA}`, { method: "DELETE" }),
      withId(fleet.hosts.inA),
    );
    expect(del.status).toBe(403);
    expect(await storedHash(fleet.hosts.inA)).toBeDefined();
  });

  it("lists and shows only hosts in scope; outside or malformed ids are 404", async () => {
    const list = await callRoute(listHosts, await request(scoped, `?search=${fleet.tag}&pageSize=10`));
    expect(list.status).toBe(200);
    const body = (await list.json()) as { hosts: { id: string }[]; total: number; pageSize: number };
    expect(body.total).toBe(2);
    expect(body.pageSize).toBe(10);
    expect(body.hosts.map((h) => h.id).sort()).toEqual([fleet.hosts.inA, fleet.hosts.inAC].sort());

    const inA = await callRoute(
      getHost,
      await request(scoped, `/${fleet.hosts.inA}`),
      withId(fleet.hosts.inA),
    );
    expect(inA.status).toBe(200);
    const text = await inA.text();
    expect(JSON.parse(text)).toMatchObject({ id: fleet.hosts.inA, groups: [{ id: fleet.groups.a }] });
    expect(text).not.toContain((await storedHash(fleet.hosts.inA)) ?? "missing");
    expect(text).not.toMatch(/apiKeyHash|api_key_hash|packagesHash/);

    for (const id of [fleet.hosts.inB, fleet.hosts.ungrouped, "not-a-uuid"]) {
      const answer = await callRoute(getHost, await request(scoped, `/${id}`), withId(id));
      expect(answer.status, id).toBe(404);
    }
    const badQuery = await callRoute(listHosts, await request(scoped, "?pageSize=1000&status=bogus"));
    expect(badQuery.status).toBe(400);
  });

  it("creates a host: 201, the key once, only its hash stored, groups within scope", async () => {
    const noGroup = await callRoute(
      createHost,
      await request(scoped, "", { method: "POST", body: { friendlyName: "web" } }),
    );
    expect(noGroup.status).toBe(400);
    const outside = await callRoute(
      createHost,
      await request(scoped, "", {
        method: "POST",
        body: { friendlyName: "web", groupIds: [fleet.groups.b] },
      }),
    );
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe("groupIds");
    const invalid = await callRoute(
      createHost,
      await request(scoped, "", { method: "POST", body: { friendlyName: "" } }),
    );
    expect(invalid.status).toBe(400);

    const created = await callRoute(
      createHost,
      await request(scoped, "", {
        method: "POST",
        body: { friendlyName: `${fleet.tag}-new`, groupIds: [fleet.groups.a] },
      }),
    );
    expect(created.status).toBe(201);
    const body = (await created.json()) as {
      host: { id: string };
      apiId: string;
      apiKey: string;
      installCommand: string;
    };
    expect(body.apiId).toMatch(/^patchmon_[0-9a-f]{16}$/);
    expect(body.apiKey).toMatch(/^[0-9a-f]{64}$/);
    const hash = await storedHash(body.host.id);
    expect(hash).toBe(sha256(body.apiKey));
    expect(hash).not.toBe(body.apiKey);
    // The install command carries a one-time bootstrap token, never the key.
    expect(body.installCommand).not.toContain(body.apiKey);
    const token = /X-Bootstrap-Token: ([0-9a-f]{64})/.exec(body.installCommand)?.[1] ?? "";
    const [stored] = await getDb()
      .select()
      .from(bootstrapTokens)
      .where(eq(bootstrapTokens.tokenHash, sha256(token)));
    expect(stored?.hostId).toBe(body.host.id);

    // Fetching the host again never shows the key.
    const again = await callRoute(getHost, await request(scoped, `/${body.host.id}`), withId(body.host.id));
    expect(await again.text()).not.toContain(body.apiKey);
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "host.created"), eq(auditLog.targetId, body.host.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.userAgent).toBe("hosts-api-test");
    expect(JSON.stringify(audit[0])).not.toContain(body.apiKey);
  });

  it("regenerates credentials only in scope; the old key stops matching", async () => {
    const before = await storedHash(fleet.hosts.inB);
    const hidden = await callRoute(
      regenerate,
      await request(scoped, `/${fleet.hosts.inB}/credentials`, { method: "POST" }),
      withId(fleet.hosts.inB),
    );
    expect(hidden.status).toBe(404);
    expect(await storedHash(fleet.hosts.inB)).toBe(before);

    const oldHash = await storedHash(fleet.hosts.inA);
    const earlier = await issueBootstrapToken(fleet.hosts.inA);
    const answer = await callRoute(
      regenerate,
      await request(scoped, `/${fleet.hosts.inA}/credentials`, { method: "POST" }),
      withId(fleet.hosts.inA),
    );
    expect(answer.status).toBe(200);
    const { apiKey, installCommand } = (await answer.json()) as { apiKey: string; installCommand: string };
    expect(await storedHash(fleet.hosts.inA)).toBe(sha256(apiKey));
    expect(await storedHash(fleet.hosts.inA)).not.toBe(oldHash);
    expect(installCommand).toContain("/api/v1/hosts/install");
    // An install command handed out before the rotation no longer works; the new one does.
    expect(await peekBootstrapToken(earlier)).toBeUndefined();
    const fresh = /X-Bootstrap-Token: ([0-9a-f]{64})/.exec(installCommand)?.[1] ?? "";
    expect((await peekBootstrapToken(fresh))?.hostId ?? (await peekBootstrapToken(fresh))).toBeTruthy();
  });

  it("deletes only in scope; a deleted host is then 404", async () => {
    const hidden = await callRoute(
      deleteHost,
      await request(scoped, `/${fleet.hosts.inB}`, { method: "DELETE" }),
      withId(fleet.hosts.inB),
    );
    expect(hidden.status).toBe(404);
    expect(await storedHash(fleet.hosts.inB)).toBeDefined();

    const gone = await callRoute(
      deleteHost,
      await request(scoped, `/${fleet.hosts.inAC}`, { method: "DELETE" }),
      withId(fleet.hosts.inAC),
    );
    expect(gone.status).toBe(200);
    expect(await storedHash(fleet.hosts.inAC)).toBeUndefined();
    const after = await callRoute(
      getHost,
      await request(scoped, `/${fleet.hosts.inAC}`),
      withId(fleet.hosts.inAC),
    );
    expect(after.status).toBe(404);
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.targetId, fleet.hosts.inAC));
    expect(audit.map((row) => row.action)).toEqual(["host.deleted"]);
  });

  it("an unscoped manager may create a host in no group", async () => {
    const admin = await signedInUser("admin");
    const created = await callRoute(
      createHost,
      await request(admin, "", { method: "POST", body: { friendlyName: `${fleet.tag}-loose` } }),
    );
    expect(created.status).toBe(201);
  });
});
