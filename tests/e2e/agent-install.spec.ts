// End to end on this Debian machine, as an operator would: create a host with the CLI, run the
// one-line install command it prints with `sh` as root, and compare what the server stored with
// what dpkg and apt say. Then install again (nothing changes) and remove.
// It changes the machine (/etc/patchmon, /usr/local/bin, root's crontab), so it runs only as root
// under CI=true or PATCHMON_E2E_INSTALL=1, against the PostgreSQL-backed server of
// playwright.config.ts (E2E_AGENT_DATABASE_URL).
import { execSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { agentServerPort } from "../../playwright.config";
import { debianInventory } from "../support/debian-inventory";
import { agentDatabaseUrl, agentServerCli } from "./support/agent-server";

const databaseUrl = agentDatabaseUrl;
const allowed = process.env.CI === "true" || process.env.PATCHMON_E2E_INSTALL === "1";
const isRoot = process.getuid?.() === 0;
const TAG = "# patchmon-agent";

function sh(command: string): string {
  return execSync(command, { encoding: "utf8", shell: "/bin/sh", stdio: ["ignore", "pipe", "pipe"] });
}

const cli = agentServerCli;

function installCommand(output: string): string {
  const line = output.split("\n").find((l) => /curl .*\/api\/v1\/hosts\/install \| sh\s*$/.test(l));
  if (!line) throw new Error(`no install command in:\n${output}`);
  return line.trim();
}

function ourCronLines(): string[] {
  const result = spawnSync("crontab", ["-l"], { encoding: "utf8" });
  return (result.stdout ?? "").split("\n").filter((l) => l.includes(TAG));
}

test.describe("the one-line agent install on this machine", () => {
  test.skip(
    !databaseUrl,
    "needs a PostgreSQL-backed server: set E2E_AGENT_DATABASE_URL (tests/run-all.sh does)",
  );
  test.skip(
    !allowed || !isRoot,
    "changes this machine: runs as root under CI=true or PATCHMON_E2E_INSTALL=1",
  );
  test.setTimeout(600_000);

  test("installs, reports the real inventory, reinstalls idempotently and removes cleanly", async () => {
    expect(sh("command -v crontab || true").trim(), "cron must be installed (apt-get install cron)").not.toBe(
      "",
    );
    const sql = postgres(databaseUrl as string, { max: 1, onnotice: () => {} });
    try {
      const created = cli(["host:create", "--name", "e2e-debian-host"]);
      expect(created.status, created.stderr).toBe(0);
      const apiId = /API ID:\s+(patchmon_[0-9a-f]{16})/.exec(created.stdout)?.[1] as string;
      expect(apiId).toBeDefined();

      const install = spawnSync("sh", ["-c", installCommand(created.stdout)], {
        encoding: "utf8",
        timeout: 300_000,
      });
      expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);

      const machine = debianInventory();

      // What the server stored from the agent's first report.
      const [host] = await sql`
        select id, status, total_packages, updates_count, security_updates_count, os_type, machine_id
        from hosts where api_id = ${apiId}`;
      expect(host).toBeDefined();
      expect(host?.status).toBe("active");
      expect(host?.total_packages).toBe(machine.installed);
      expect(host?.updates_count).toBe(machine.upgradable);
      expect(host?.security_updates_count).toBe(machine.security);
      expect(host?.machine_id).toBe(fs.readFileSync("/etc/machine-id", "utf8").trim());
      const [history] = await sql`select count(*)::int as n from reports where host_id = ${host?.id}`;
      expect(history?.n).toBeGreaterThanOrEqual(1);

      expect(fs.statSync("/etc/patchmon/credentials").mode & 0o777).toBe(0o600);
      expect(fs.existsSync("/usr/local/bin/patchmon-agent.sh")).toBe(true);
      const cronAfterFirst = ourCronLines();
      expect(cronAfterFirst.length).toBeGreaterThanOrEqual(1);

      // Installing again (a fresh one-time token) leaves one schedule and one host.
      const again = cli(["host:install", apiId]);
      expect(again.status, again.stderr).toBe(0);
      const reinstall = spawnSync("sh", ["-c", installCommand(again.stdout)], {
        encoding: "utf8",
        timeout: 300_000,
      });
      expect(reinstall.status, `${reinstall.stdout}\n${reinstall.stderr}`).toBe(0);
      expect(ourCronLines()).toEqual(cronAfterFirst);
      const [count] = await sql`select count(*)::int as n from hosts where machine_id = ${host?.machine_id}`;
      expect(count?.n).toBe(1);

      // The remover served by the server undoes it all.
      const remove = spawnSync(
        "sh",
        ["-c", `curl -s http://localhost:${agentServerPort}/api/v1/hosts/remove | sh`],
        { encoding: "utf8", timeout: 120_000 },
      );
      expect(remove.status, `${remove.stdout}\n${remove.stderr}`).toBe(0);
      expect(fs.existsSync("/etc/patchmon")).toBe(false);
      expect(fs.existsSync("/usr/local/bin/patchmon-agent.sh")).toBe(false);
      expect(ourCronLines()).toEqual([]);
    } finally {
      await sql.end();
    }
  });
});
