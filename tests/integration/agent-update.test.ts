// POST /hosts/update through the route handler: the documented answer, and bad input that never
// becomes a 500 nor changes anything stored.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as update } from "@/app/api/v1/hosts/update/route";
import { executeRows, getDb, observeQueries } from "@/db/client";
import { readReportHostByApiId } from "@/db/queries/report-host";
import { hashSecret } from "@/lib/agent/credentials";
import { resetRateLimiters } from "@/lib/rate-limit";
import {
  agentRequest,
  assertNoStoredSecretsLeaked,
  call,
  createTestHost,
  keyHeaders,
  storedState,
  type TestHost,
} from "../support/agent";
import { useMigratedDatabase } from "../support/database";
import { statementsOf } from "../support/statements";

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8")) as Record<
    string,
    unknown
  >;

const pkg = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  currentVersion: "1.0-1",
  needsUpdate: false,
  ...extra,
});

describe("POST /hosts/update", () => {
  useMigratedDatabase({ AGENT_RATE_LIMIT_MAX: "100000", REDIS_URL: undefined });
  let host: TestHost;

  beforeAll(async () => {
    await resetRateLimiters();
    host = await createTestHost("update-host");
  });
  afterAll(assertNoStoredSecretsLeaked);

  const send = (body: unknown, h: TestHost = host) =>
    call(update, agentRequest("/hosts/update", { method: "POST", headers: keyHeaders(h), body }));

  it("accepts the spec's sample report with the documented answer", async () => {
    const answer = await send(fixture("spec-sample-report.json"));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      message: "Host updated successfully",
      packagesProcessed: expect.any(Number),
      updatesAvailable: expect.any(Number),
      securityUpdates: expect.any(Number),
    });
    const keys = Object.keys(answer.body);
    expect(keys.filter((k) => k !== "crontabUpdate").sort()).toEqual(
      ["message", "packagesProcessed", "securityUpdates", "updatesAvailable"].sort(),
    );
    if (answer.body.crontabUpdate) expect(answer.body.crontabUpdate.command).toBe("update-crontab");
  });

  it("accepts a PatchMon 1.4 Go agent's report, with credentials in the body", async () => {
    const own = await createTestHost("go-agent");
    const report = { ...fixture("patchmon-go-1.4-report.json"), apiId: own.apiId, apiKey: own.apiKey };
    const answer = await call(update, agentRequest("/hosts/update", { method: "POST", body: report }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ message: "Host updated successfully", packagesProcessed: 3 });
  });

  it("answers 413 to a body over AGENT_UPDATE_BODY_LIMIT, declared or streamed", async () => {
    const before = await storedState(host.hostId);
    const big = JSON.stringify({ packages: [pkg("x", { description: "y".repeat(3 * 1024 * 1024) })] });
    const declared = await send(big);
    expect(declared.status).toBe(413);
    expect(declared.body).toEqual({ error: "Payload too large" });

    let sent = 0;
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 3 * 1024 * 1024) controller.close();
        else {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        }
      },
    });
    const streamed = await call(
      update,
      new Request("http://patchmon.test/api/v1/hosts/update", {
        method: "POST",
        headers: keyHeaders(host),
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    // Reading stopped at the limit instead of draining the 3 MB.
    expect(sent).toBeLessThan(3 * 1024 * 1024);
    expect(await storedState(host.hostId)).toEqual(before);
  });

  it("answers 400 with {path, message} issues for wrong types, empty and non-JSON bodies", async () => {
    const before = await storedState(host.hostId);
    const cases: unknown[] = [
      "",
      "{not json",
      "[]",
      "null",
      { packages: "all of them" },
      { packages: [{ name: "", currentVersion: "1" }] },
      { packages: [{ name: "bash" }] },
      { packages: [pkg("bash", { needsUpdate: "maybe" })] },
      { packages: [pkg("bash")], cpuCores: "many" },
    ];
    for (const body of cases) {
      const answer = await send(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toBe("Invalid request body");
      expect(answer.body.issues.length).toBeGreaterThan(0);
      for (const issue of answer.body.issues) {
        expect(Object.keys(issue).sort()).toEqual(["message", "path"]);
        expect(typeof issue.path).toBe("string");
      }
    }
    const wrongType = await send({ packages: [pkg("bash", { needsUpdate: "maybe" })] });
    expect(wrongType.body.issues.map((i: { path: string }) => i.path)).toContain("packages.0.needsUpdate");
    expect(await storedState(host.hostId)).toEqual(before);
  });

  it("refuses 10,001 packages with 400 and stores nothing", async () => {
    const before = await storedState(host.hostId);
    const packages = Array.from({ length: 10_001 }, (_, i) => pkg(`p${i}`));
    const answer = await send({ packages });
    expect(answer.status).toBe(400);
    expect(answer.body.issues.some((i: { path: string }) => i.path === "packages")).toBe(true);
    expect(await storedState(host.hostId)).toEqual(before);
  });

  it("stores unicode and SQL-looking names as they are, rejects what it cannot store, never a 500", async () => {
    const own = await createTestHost("hostile-names");
    // [value, status as a package name, as a version, as a system fact]
    const cases: Array<[string, number, number, number]> = [
      ["bad\u0000name", 400, 400, 200], // NUL: a key cannot hold it; free text has it stripped
      ["'; DROP TABLE hosts; --", 200, 200, 200],
      ['x"); delete from host_packages; --', 200, 200, 200],
      ["пакет-ünïcödé-📦", 200, 200, 200],
      ["\ud800lonely-surrogate", 200, 200, 200], // stored with U+FFFD
      ["a".repeat(5000), 400, 400, 200], // keys are capped at 512; free text is truncated
    ];
    for (const [value, asName, asVersion, asFact] of cases) {
      for (const [report, expected] of [
        [{ packages: [pkg(value)] }, asName],
        [{ packages: [pkg("bash", { currentVersion: value })] }, asVersion],
        [{ packages: [pkg("bash")], hostname: value, osType: value }, asFact],
      ] as const) {
        const before = await storedState(own.hostId);
        const answer = await send(report, own);
        expect(answer.status, `${JSON.stringify(report).slice(0, 80)} -> ${answer.text}`).toBe(expected);
        if (answer.status === 400) {
          expect(answer.body.issues?.length).toBeGreaterThan(0);
          expect(await storedState(own.hostId)).toEqual(before);
        }
      }
    }
    // What was accepted was stored as sent.
    for (const name of ["'; DROP TABLE hosts; --", "пакет-ünïcödé-📦"]) {
      expect((await send({ packages: [pkg(name)] }, own)).status).toBe(200);
      const stored = await executeRows<{ name: string }>(
        getDb(),
        sql`select p.name from host_packages hp join packages p on p.id = hp.package_id
            where hp.host_id = ${own.hostId}`,
      );
      expect(stored.map((row) => row.name)).toEqual([name]);
    }
  });

  it("answers 409 when an unchanged report's hash does not match the stored one", async () => {
    const own = await createTestHost("hash-host");
    const answer = await send({ packages: [], packagesUnchanged: true, packagesHash: "f".repeat(64) }, own);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: "full report required" });
  });

  it("answers 401 without credentials, before looking at the report", async () => {
    const answer = await call(
      update,
      agentRequest("/hosts/update", { method: "POST", body: { packages: [] } }),
    );
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: "API ID and Key required" });
  });

  it("reads the package digest in the statement that authenticates a report carrying its packages", async () => {
    const own = await createTestHost("digest-host");
    const list = Array.from({ length: 600 }, (_, i) => pkg(`pre-read-${own.hostId.slice(0, 8)}-${i}`));
    const sendSized = (packages: unknown[], key = own.apiKey) => {
      const body = JSON.stringify({ packages });
      const headers = {
        ...keyHeaders({ ...own, apiKey: key }),
        "content-length": String(Buffer.byteLength(body)),
      };
      return call(update, agentRequest("/hosts/update", { method: "POST", headers, body }));
    };
    expect((await sendSized(list)).status).toBe(200);
    const changed = list.map((p, i) => (i === 7 ? { ...p, currentVersion: "2.0-1" } : p));
    const statements = await statementsOf(async () => expect((await sendSized(changed)).status).toBe(200));
    const delta = statements.findIndex((statement) => /^\s*with incoming as/.test(statement));
    // The authenticating read (credentials, counts, digest), then the one-statement re-report.
    expect(delta).toBe(1);
    expect(statements[0]).toMatch(/"package_digest".*where "hosts"."api_id" = \$\d+/s);
    // A wrong key for a known id reads no digest, and gets the answer an unknown id gets.
    const seen: Array<{ query: string; params: unknown[] }> = [];
    const stop = observeQueries((query, params) => seen.push({ query, params }));
    const wrongKey = await sendSized(changed, "0".repeat(64)).finally(stop);
    // The route's read leaves the digest to the key's hash, and sends the hash of the key it got.
    expect(seen[0]?.query).toMatch(/case when "api_key_hash" = \$\d+ then "package_digest" end/);
    expect(seen[0]?.params).toContain(hashSecret("0".repeat(64)));
    const unknownId = await call(
      update,
      agentRequest("/hosts/update", {
        method: "POST",
        headers: {
          ...keyHeaders({ apiId: "patchmon_0000000000000000", apiKey: "0".repeat(64) }),
          "content-length": "40000",
        },
        body: JSON.stringify({ packages: changed }),
      }),
    );
    expect([wrongKey.status, wrongKey.text]).toEqual([unknownId.status, unknownId.text]);
    expect(
      (await readReportHostByApiId(own.apiId, hashSecret("0".repeat(64))))?.report.packageDigest,
    ).toBeNull();
    expect((await readReportHostByApiId(own.apiId, hashSecret(own.apiKey)))?.report.packageDigest).toMatch(
      /^v1:/,
    );

    // A short report (here: unchanged packages) authenticates with its credentials only.
    const short = await statementsOf(() =>
      send({ packages: [], packagesUnchanged: true, packagesHash: "f".repeat(64) }, own),
    );
    expect(short[0]).toMatch(/^select "id", "api_id", "api_key_hash" from "hosts"/);
  });
});
