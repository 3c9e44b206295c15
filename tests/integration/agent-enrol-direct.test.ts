// direct_host_auto_enroll.sh end to end against the app's route handlers over HTTP: the script
// enrols this machine with a token, fetches the installer with the credentials it got, and the
// real installer and agent run (into a temporary prefix, with a stand-in crontab so root's own
// crontab is not touched) and send the first report. Token rules are checked as the script's user
// sees them: a readable refusal on stderr, nothing created.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { setEnrolmentTokenActive } from "@/db/queries/enrolment";
import { getSettings, updateSettings } from "@/db/queries/settings";
import { hostGroupMemberships, hosts, reports } from "@/db/schema";
import { enrolmentCommands } from "@/lib/agent/enrolment-commands";
import { resetRateLimiters } from "@/lib/rate-limit";
import { type AgentHttpServer, startAgentHttpServer } from "../support/agent-http";
import {
  createToken,
  fakeCrontab,
  runCommand,
  runScript,
  SCRIPTS,
  type ScriptResult,
  type Token,
  thisMachineId,
} from "../support/agent-scripts";
import { useMigratedDatabase } from "../support/database";

const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot || !thisMachineId())("direct_host_auto_enroll.sh against a real server", () => {
  useMigratedDatabase({ AGENT_RATE_LIMIT_MAX: "100000", REDIS_URL: undefined, TRUST_PROXY: "true" });
  let server: AgentHttpServer;
  let saved: Awaited<ReturnType<typeof getSettings>>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-enrol-"));
  const machineId = thisMachineId() as string;
  const db = () => getDb();

  beforeAll(async () => {
    resetRateLimiters();
    server = await startAgentHttpServer();
    saved = await getSettings();
    // The installer is rendered with the server URL of the settings: this test server's.
    await updateSettings({ serverProtocol: "http", serverHost: "127.0.0.1", serverPort: server.port });
    // This machine's id may be registered by an earlier file of the run; start from none.
    await db().delete(hosts).where(eq(hosts.machineId, machineId));
    fakeCrontab(path.join(dir, "fake"));
  });
  afterAll(async () => {
    await updateSettings({
      serverProtocol: saved.serverProtocol,
      serverHost: saved.serverHost,
      serverPort: saved.serverPort,
    });
    await server?.close();
    // Leave this machine's id free for other files of the run.
    await db().delete(hosts).where(eq(hosts.machineId, machineId));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = (token: Pick<Token, "key" | "secret">, extra: Record<string, string> = {}) => ({
    PATH: `${path.join(dir, "fake")}:${process.env.PATH}`,
    PATCHMON_URL: server.url,
    AUTO_ENROLLMENT_KEY: token.key,
    AUTO_ENROLLMENT_SECRET: token.secret,
    FRIENDLY_NAME: "enrolled-by-script",
    PATCHMON_CONFIG_DIR: path.join(dir, "etc"),
    PATCHMON_BIN: path.join(dir, "bin", "patchmon-agent.sh"),
    PATCHMON_LOG_FILE: path.join(dir, "agent.log"),
    PATCHMON_SCHEDULER: "cron",
    PATCHMON_TEST_CRONTAB: path.join(dir, "crontab.txt"),
    ...extra,
  });
  const direct = (token: Pick<Token, "key" | "secret">, args: string[] = [], extra = {}) =>
    runScript(path.join(SCRIPTS, "direct_host_auto_enroll.sh"), args, env(token, extra));
  const hostsOfThisMachine = () => db().select().from(hosts).where(eq(hosts.machineId, machineId));
  const enrolCalls = () => server.exchanges.filter((e) => e.path === "/api/v1/auto-enrollment/enroll");
  const refused = (r: ScriptResult, message: string) => {
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\{"error"/);
  };

  it("refuses an address outside the allow-list, a disabled token and a spent daily limit, readably", async () => {
    const outside = await createToken({ allow: ["10.0.0.0/8", "2001:db8::/32"] });
    refused(
      await direct(outside),
      "enrolment refused (HTTP 403): IP address not allowed for this enrollment token",
    );

    const disabled = await createToken({ allow: ["127.0.0.0/8"] });
    await setEnrolmentTokenActive(disabled.key, false);
    refused(await direct(disabled), "enrolment refused (HTTP 401): Invalid or inactive enrollment token");

    // One host a day: another machine takes it, then this one is refused.
    const limited = await createToken({ allow: ["127.0.0.1"], maxPerDay: 1 });
    const other = await fetch(`${server.url}/api/v1/auto-enrollment/enroll`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-auto-enrollment-key": limited.key,
        "x-auto-enrollment-secret": limited.secret,
      },
      body: JSON.stringify({ friendly_name: "other", machine_id: randomUUID() }),
    });
    expect(other.status).toBe(201);
    refused(
      await direct(limited),
      "enrolment refused (HTTP 403): Daily enrollment limit reached for this token",
    );

    expect(await hostsOfThisMachine()).toEqual([]);
    expect(fs.existsSync(path.join(dir, "etc", "credentials"))).toBe(false);
    // The key never reaches the installer step.
    expect(server.exchanges.filter((e) => e.path === "/api/v1/hosts/install")).toEqual([]);
  });

  it("--dry-run says what it would do and creates nothing", async () => {
    const token = await createToken({ allow: ["127.0.0.0/8"] });
    const before = enrolCalls().length;
    const r = await direct(token, ["--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Would enrol "enrolled-by-script" (machine id ${machineId})`);
    expect(enrolCalls()).toHaveLength(before);
  });

  let enrolled: { hostId: string; apiId: string; apiKey: string };
  let token: Token;

  it("enrols, installs the agent with the issued credentials, and the first report arrives", async () => {
    token = await createToken({ allow: ["127.0.0.0/8", "::1"], maxPerDay: 5, groups: ["enrolled-direct"] });
    const start = server.exchanges.length;
    // Exactly the command the Settings page and `enrolment:create` print, piped into sh.
    const command = enrolmentCommands({
      serverUrl: server.url,
      curlFlags: "-s",
      tokenKey: token.key,
      secret: token.secret,
    }).direct;
    const { AUTO_ENROLLMENT_KEY: _k, AUTO_ENROLLMENT_SECRET: _s, PATCHMON_URL: _u, ...prefix } = env(token);
    const r = await runCommand(command, prefix);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/✅ Enrolled as patchmon_[0-9a-f]{16}/);
    expect(r.stdout).toContain("PatchMon Agent installation completed successfully");

    const rows = await hostsOfThisMachine();
    expect(rows).toHaveLength(1);
    const host = rows[0] as (typeof rows)[number];
    expect(host.friendlyName).toBe("enrolled-by-script");
    expect(host.enrolmentTokenId).toBe(token.id);
    expect(host.status).toBe("active");
    expect(host.totalPackages).toBeGreaterThan(0);
    expect(await db().select().from(reports).where(eq(reports.hostId, host.id))).toHaveLength(1);
    expect(
      await db().select().from(hostGroupMemberships).where(eq(hostGroupMemberships.hostId, host.id)),
    ).toHaveLength(1);

    // The agent runs with credentials the server accepts, for this host.
    const credentials = fs.readFileSync(path.join(dir, "etc", "credentials"), "utf8");
    const apiId = /API_ID="([^"]+)"/.exec(credentials)?.[1] as string;
    const apiKey = /API_KEY="([^"]+)"/.exec(credentials)?.[1] as string;
    expect(apiId).toBe(host.apiId);
    expect(fs.statSync(path.join(dir, "etc", "credentials")).mode & 0o777).toBe(0o600);
    const info = await fetch(`${server.url}/api/v1/hosts/info`, {
      headers: { "x-api-id": apiId, "x-api-key": apiKey },
    });
    expect(info.status).toBe(200);
    expect((await info.json()).id).toBe(host.id);
    enrolled = { hostId: host.id, apiId, apiKey };

    // The requests, in order: enrol, installer by key, then the installer's own steps.
    const paths = server.exchanges.slice(start).map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(paths.slice(0, 7)).toEqual([
      "GET /api/v1/auto-enrollment/script 200",
      "POST /api/v1/auto-enrollment/enroll 201",
      "GET /api/v1/hosts/install 200",
      "POST /api/v1/hosts/bootstrap/exchange 200",
      "GET /api/v1/hosts/agent/download 200",
      "POST /api/v1/hosts/ping 200",
      "POST /api/v1/hosts/update 200",
    ]);
    expect(paths.filter((p) => / [45]\d\d$/.test(p))).toEqual([]);
    const cron = fs.readFileSync(path.join(dir, "crontab.txt"), "utf8");
    expect(cron.split("\n").filter((l) => l.includes("# patchmon-agent"))).toHaveLength(2);
  }, 240_000);

  it("a second run without --force changes nothing", async () => {
    const before = server.exchanges.length;
    const r = await direct(token);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Already enrolled");
    expect(server.exchanges).toHaveLength(before);
    expect(await hostsOfThisMachine()).toHaveLength(1);
  });

  it("--force re-enrols the same host with rotated credentials, never a duplicate", async () => {
    const r = await direct(token, ["--force"]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const enrol = enrolCalls().at(-1);
    expect(enrol?.status).toBe(200);
    const rows = await hostsOfThisMachine();
    expect(rows.map((h) => h.id)).toEqual([enrolled.hostId]);
    const credentials = fs.readFileSync(path.join(dir, "etc", "credentials"), "utf8");
    expect(credentials).toContain(`API_ID="${enrolled.apiId}"`);
    expect(credentials).not.toContain(enrolled.apiKey);
    const old = await fetch(`${server.url}/api/v1/hosts/info`, {
      headers: { "x-api-id": enrolled.apiId, "x-api-key": enrolled.apiKey },
    });
    expect(old.status).toBe(401);
    const cron = fs.readFileSync(path.join(dir, "crontab.txt"), "utf8");
    expect(cron.split("\n").filter((l) => l.includes("# patchmon-agent"))).toHaveLength(2);
    expect(await db().select().from(reports).where(eq(reports.hostId, enrolled.hostId))).toHaveLength(2);
  }, 240_000);
});
