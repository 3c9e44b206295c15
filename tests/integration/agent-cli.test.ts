// The host and enrolment commands of the operator CLI, run as separate processes, end to end with
// the agent routes.
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { POST as enroll } from "@/app/api/v1/auto-enrollment/enroll/route";
import { POST as exchange } from "@/app/api/v1/hosts/bootstrap/exchange/route";
import { GET as info } from "@/app/api/v1/hosts/info/route";
import { GET as install } from "@/app/api/v1/hosts/install/route";
import { POST as ping } from "@/app/api/v1/hosts/ping/route";
import { closeDb } from "@/db/migrate";
import { getHostByApiId } from "@/db/queries/hosts";
import {
  AGENT_FIXTURE,
  agentRequest,
  assertNoStoredSecretsLeaked,
  call,
  INSTALLER_FIXTURE,
  inDirectory,
  keyHeaders,
  scriptFixtures,
} from "../support/agent";
import { useMigratedDatabase } from "../support/database";
import { runCli } from "../support/processes";
import { cliTestEnv, testDatabaseUrl } from "../support/services";

const databaseUrl = testDatabaseUrl();
const env = cliTestEnv({ LOG_LEVEL: "warn" });

/** Runs the CLI; on PGlite this process lets go of the embedded database while it runs. */
async function cli(...args: string[]) {
  if (!databaseUrl) await closeDb();
  return runCli(args, env);
}

const field = (stdout: string, label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(stdout)?.[1] ?? "";

describe("host and enrolment CLI", () => {
  useMigratedDatabase({ AGENT_RATE_LIMIT_MAX: "100000", REDIS_URL: undefined });
  const fixtures = scriptFixtures({
    "patchmon_install.sh": INSTALLER_FIXTURE,
    "patchmon-agent.sh": AGENT_FIXTURE,
  });
  afterAll(async () => {
    await assertNoStoredSecretsLeaked();
    fs.rmSync(fixtures, { recursive: true, force: true });
  });

  it("lists the commands in its help", async () => {
    const help = await cli("help");
    expect(help.code).toBe(0);
    for (const command of [
      "host:create --name N",
      "host:list",
      "host:regenerate",
      "host:delete",
      "host:command",
    ]) {
      expect(help.stdout).toContain(command);
    }
    expect(help.stdout).toContain("enrolment:create --name N");
  });

  // Several CLI processes in a row (each starts tsx): generous on a busy 2-core machine.
  it("creates a host, whose install command installs it, and manages it", { timeout: 240_000 }, async () => {
    const created = await cli("host:create", "--name", "web-01", "--group", "prod", "--group", "web");
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const apiId = field(created.stdout, "API ID");
    const apiKey = field(created.stdout, "API key");
    expect(apiId).toMatch(/^patchmon_[0-9a-f]{16}$/);
    expect(apiKey).toMatch(/^[0-9a-f]{64}$/);
    const command =
      /curl -s -H "X-Bootstrap-Token: ([0-9a-f]{64})" (\S+)\/api\/v1\/hosts\/install \| sh/.exec(
        created.stdout,
      );
    expect(command?.[2]).toBe("http://localhost:3000");
    const token = command?.[1] as string;

    expect(
      (await call(info, agentRequest("/hosts/info", { headers: { "X-API-ID": apiId, "X-API-KEY": apiKey } })))
        .status,
    ).toBe(200);
    const script = await inDirectory(fixtures, () =>
      call(install, agentRequest("/hosts/install", { headers: { "X-Bootstrap-Token": token } })),
    );
    expect(script.text).toContain(`BOOTSTRAP_TOKEN="${token}"`);
    const exchanged = await call(exchange, agentRequest("/hosts/bootstrap/exchange", { body: { token } }));
    expect(exchanged.status).toBe(200);
    const installed = { apiId, apiKey: exchanged.body.apiKey as string };

    const list = await cli("host:list");
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${apiId}\\s+web-01\\s+pending`));
    expect(list.stdout).toContain("prod,web");
    const listJson = JSON.parse((await cli("host:list", "--json")).stdout);
    // No field of any listed host is a hash (names of other test files' hosts may contain the word).
    const keys = (listJson as Array<Record<string, unknown>>).flatMap((host) => Object.keys(host));
    expect(keys.filter((key) => /hash|secret|key$/i.test(key))).toEqual([]);

    const queued = await cli("host:command", apiId, "report_now");
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(/Queued report_now/);
    expect((await cli("host:command", apiId, "reboot")).code).toBe(1);
    const pinged = await call(
      ping,
      agentRequest("/hosts/ping", { method: "POST", headers: keyHeaders(installed) }),
    );
    expect(pinged.body.commands).toEqual([{ type: "report_now" }]);

    const regenerated = await cli("host:regenerate", apiId);
    expect(regenerated.code).toBe(0);
    const newKey = field(regenerated.stdout, "API key");
    expect((await call(info, agentRequest("/hosts/info", { headers: keyHeaders(installed) }))).status).toBe(
      401,
    );
    expect(
      (await call(info, agentRequest("/hosts/info", { headers: keyHeaders({ apiId, apiKey: newKey }) })))
        .status,
    ).toBe(200);

    const deleted = await cli("host:delete", apiId);
    expect(deleted.code).toBe(0);
    expect(await getHostByApiId(apiId)).toBeUndefined();
    const again = await cli("host:delete", apiId);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("no host");
    expect((await cli("host:create")).code).toBe(1);
  });

  it("creates, lists and disables enrolment tokens", { timeout: 240_000 }, async () => {
    const bad = await cli("enrolment:create", "--name", "lab", "--allow", "10.0.0.0/33");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--allow");

    const created = await cli(
      "enrolment:create",
      "--name",
      "lab",
      "--max-per-day",
      "5",
      "--allow",
      "10.0.0.0/8",
      "--allow",
      "2001:db8::/32",
      "--expires",
      "30d",
      "--group",
      "lab",
    );
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const key = field(created.stdout, "Key");
    const secret = field(created.stdout, "Secret");
    expect(key).toMatch(/^patchmon_ae_[0-9a-f]{32}$/);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);

    const request = () =>
      agentRequest("/auto-enrollment/enroll", {
        method: "POST",
        headers: {
          "X-Auto-Enrollment-Key": key,
          "X-Auto-Enrollment-Secret": secret,
          "X-Forwarded-For": "2001:db8::5",
        },
        body: { friendly_name: "lab-1", machine_id: "cli-machine-1" },
      });
    expect((await call(enroll, request())).status).toBe(201);

    const list = await cli("enrolment:list");
    expect(list.stdout).toMatch(new RegExp(`${key}\\s+lab\\s+yes\\s+5\\s+1`));
    expect(list.stdout).not.toContain(secret);

    expect((await cli("enrolment:disable", key)).code).toBe(0);
    expect((await call(enroll, request())).status).toBe(401);
  });
});
