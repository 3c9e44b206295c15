// POST /auto-enrollment/enroll: token checks, IP allow-lists, daily limit, re-enrolment.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as enroll } from "@/app/api/v1/auto-enrollment/enroll/route";
import { GET as info } from "@/app/api/v1/hosts/info/route";
import { getDb } from "@/db/client";
import { createEnrolmentToken, setEnrolmentTokenActive } from "@/db/queries/enrolment";
import { ensureHostGroups } from "@/db/queries/hosts";
import { hostGroupMemberships, hosts } from "@/db/schema";
import { generateEnrolmentKey, generateSecret, hashSecret } from "@/lib/agent/credentials";
import { resetEnvCache } from "@/lib/env";
import { resetRateLimiters } from "@/lib/rate-limit";
import { agentRequest, assertNoStoredSecretsLeaked, call, keyHeaders } from "../support/agent";
import { useMigratedDatabase } from "../support/database";

type Token = { key: string; secret: string; id: string };

async function makeToken(
  options: { allow?: string[]; maxPerDay?: number; expiresAt?: Date | null; groups?: string[] } = {},
): Promise<Token> {
  const secret = generateSecret();
  const token = await createEnrolmentToken({
    name: `token-${randomUUID().slice(0, 8)}`,
    tokenKey: generateEnrolmentKey(),
    secretHash: hashSecret(secret),
    maxHostsPerDay: options.maxPerDay ?? 100,
    allowedIpRanges: options.allow ?? [],
    expiresAt: options.expiresAt ?? null,
    groupIds: await ensureHostGroups(options.groups ?? []),
  });
  return { key: token.tokenKey, secret, id: token.id };
}

function enrolRequest(token: Pick<Token, "key" | "secret">, body: unknown, ip?: string): Request {
  const headers: Record<string, string> = {
    "X-Auto-Enrollment-Key": token.key,
    "X-Auto-Enrollment-Secret": token.secret,
  };
  if (ip) headers["X-Forwarded-For"] = ip;
  return agentRequest("/auto-enrollment/enroll", { method: "POST", headers, body });
}

const machine = () => randomUUID().replaceAll("-", "");

describe("POST /auto-enrollment/enroll", () => {
  useMigratedDatabase({ AGENT_RATE_LIMIT_MAX: "100000", REDIS_URL: undefined, TRUST_PROXY: "true" });
  beforeAll(resetRateLimiters);
  afterAll(assertNoStoredSecretsLeaked);

  it("creates a host in the token's groups, with working credentials", async () => {
    const token = await makeToken({ groups: ["enrolled-web"] });
    const answer = await call(
      enroll,
      enrolRequest(token, { friendly_name: "web-01", machine_id: machine() }),
    );
    expect(answer.status).toBe(201);
    expect(Object.keys(answer.body).sort()).toEqual(["apiId", "apiKey", "hostId"]);
    const me = await call(info, agentRequest("/hosts/info", { headers: keyHeaders(answer.body) }));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: answer.body.hostId, friendly_name: "web-01" });
    const groups = await getDb()
      .select()
      .from(hostGroupMemberships)
      .where(eq(hostGroupMemberships.hostId, answer.body.hostId));
    expect(groups).toHaveLength(1);
  });

  it("refuses missing, wrong, disabled and expired tokens with 401", async () => {
    const token = await makeToken();
    const missing = await call(
      enroll,
      agentRequest("/auto-enrollment/enroll", { method: "POST", body: { friendly_name: "x" } }),
    );
    expect(missing.status).toBe(401);
    const wrong = await call(
      enroll,
      enrolRequest({ ...token, secret: "0".repeat(64) }, { friendly_name: "x" }),
    );
    expect(wrong.status).toBe(401);
    const unknown = await call(
      enroll,
      enrolRequest({ ...token, key: "patchmon_ae_nope" }, { friendly_name: "x" }),
    );
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);

    const disabled = await makeToken();
    await setEnrolmentTokenActive(disabled.key, false);
    expect((await call(enroll, enrolRequest(disabled, { friendly_name: "x" }))).status).toBe(401);

    const expired = await makeToken({ expiresAt: new Date(Date.now() - 1000) });
    const answer = await call(enroll, enrolRequest(expired, { friendly_name: "x" }));
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatch(/expired/);
  });

  it("validates the body with 400 issues", async () => {
    const token = await makeToken();
    for (const body of [
      {},
      { friendly_name: "" },
      { friendly_name: "a\u0000b" },
      { friendly_name: 5 },
      "nope",
    ]) {
      const answer = await call(enroll, enrolRequest(token, body));
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe("Invalid request body");
      expect(answer.body.issues.length).toBeGreaterThan(0);
    }
  });

  it("applies the IPv4/IPv6/CIDR allow-list, IPv4-mapped addresses included", async () => {
    const token = await makeToken({
      allow: ["10.0.0.0/8", "192.168.1.5", "2001:db8::/32", "::ffff:172.16.0.0/108"],
    });
    const allowed = [
      "10.1.2.3",
      "::ffff:10.9.9.9",
      "192.168.1.5",
      "2001:db8::1",
      "2001:DB8:ffff::7",
      "172.16.5.5",
    ];
    for (const ip of allowed) {
      const answer = await call(
        enroll,
        enrolRequest(token, { friendly_name: ip, machine_id: machine() }, ip),
      );
      expect(answer.status, ip).toBe(201);
    }
    for (const ip of ["192.168.1.6", "11.0.0.1", "2001:db9::1", "::1", "::ffff:192.168.1.6", "garbage"]) {
      const answer = await call(
        enroll,
        enrolRequest(token, { friendly_name: ip, machine_id: machine() }, ip),
      );
      expect(answer.status, ip).toBe(403);
      expect(answer.body).toEqual({ error: "IP address not allowed for this enrollment token" });
    }
    // With TRUST_PROXY=true one proxy appended the right-most entry; a client-written entry further
    // left (here an allowed address) is not believed.
    const spoofed = await call(
      enroll,
      enrolRequest(token, { friendly_name: "spoofed-chain" }, "10.0.0.7, 203.0.113.9"),
    );
    expect(spoofed.status).toBe(403);
    const chain = await call(
      enroll,
      enrolRequest(token, { friendly_name: "chain" }, "203.0.113.9, 10.0.0.7"),
    );
    expect(chain.status).toBe(201);
    expect((await call(enroll, enrolRequest(token, { friendly_name: "no-ip" }))).status).toBe(403);
  });

  it("does not believe X-Forwarded-For without TRUST_PROXY", async () => {
    const token = await makeToken({ allow: ["10.0.0.0/8"] });
    process.env.TRUST_PROXY = "false";
    resetEnvCache();
    try {
      const answer = await call(enroll, enrolRequest(token, { friendly_name: "spoofed" }, "10.0.0.1"));
      expect(answer.status).toBe(403);
    } finally {
      process.env.TRUST_PROXY = "true";
      resetEnvCache();
    }
  });

  it("stops at the daily limit, but still lets a known machine re-enrol", async () => {
    const token = await makeToken({ maxPerDay: 2 });
    const first = machine();
    expect((await call(enroll, enrolRequest(token, { friendly_name: "a", machine_id: first }))).status).toBe(
      201,
    );
    expect(
      (await call(enroll, enrolRequest(token, { friendly_name: "b", machine_id: machine() }))).status,
    ).toBe(201);
    const third = await call(enroll, enrolRequest(token, { friendly_name: "c", machine_id: machine() }));
    expect(third.status).toBe(403);
    expect(third.body).toEqual({ error: "Daily enrollment limit reached for this token" });
    expect((await call(enroll, enrolRequest(token, { friendly_name: "a", machine_id: first }))).status).toBe(
      200,
    );
  });

  it("serialises concurrent enrolments so the daily limit holds", async () => {
    const token = await makeToken({ maxPerDay: 3 });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(enroll, enrolRequest(token, { friendly_name: `c${i}`, machine_id: machine() })),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 403)).toHaveLength(5);
  });

  it("returns the same host with new credentials when a machine re-enrols, never a duplicate", async () => {
    const token = await makeToken();
    const id = machine();
    const first = await call(enroll, enrolRequest(token, { friendly_name: "db-01", machine_id: id }));
    const second = await call(enroll, enrolRequest(token, { friendly_name: "db-01", machine_id: id }));
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.hostId).toBe(first.body.hostId);
    expect(second.body.apiId).toBe(first.body.apiId);
    expect(second.body.apiKey).not.toBe(first.body.apiKey);
    expect((await call(info, agentRequest("/hosts/info", { headers: keyHeaders(second.body) }))).status).toBe(
      200,
    );
    expect((await call(info, agentRequest("/hosts/info", { headers: keyHeaders(first.body) }))).status).toBe(
      401,
    );
    const rows = await getDb().select({ id: hosts.id }).from(hosts).where(eq(hosts.machineId, id));
    expect(rows).toHaveLength(1);

    // Another token may not take over (or duplicate) a machine that is already registered.
    const other = await makeToken();
    const takeover = await call(enroll, enrolRequest(other, { friendly_name: "db-01", machine_id: id }));
    expect(takeover.status).toBe(403);
    expect(await getDb().select({ id: hosts.id }).from(hosts).where(eq(hosts.machineId, id))).toHaveLength(1);
  });
});
