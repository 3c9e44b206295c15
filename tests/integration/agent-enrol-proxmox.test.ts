// proxmox_auto_enroll.sh against the app's route handlers over HTTP. `pct` exists only on a
// Proxmox VE node, so a stand-in plays one with five containers (running, stopped, locked, one
// without a machine id, one already enrolled); everything else (curl, the server, the tokens,
// the rendered installer) is real. The stand-in records each call and keeps what `pct exec ... sh`
// is fed, and marks a container enrolled the way the installer would (its credentials file).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getSettings, updateSettings } from "@/db/queries/settings";
import { hosts } from "@/db/schema";
import { enrolmentCommands } from "@/lib/agent/enrolment-commands";
import { resetRateLimiters } from "@/lib/rate-limit";
import { type AgentHttpServer, startAgentHttpServer } from "../support/agent-http";
import { createToken, runCommand, runScript, SCRIPTS, type Token, writeBin } from "../support/agent-scripts";
import { useMigratedDatabase } from "../support/database";

const isRoot = process.getuid?.() === 0;
const suffix = `${process.pid}${Date.now()}`;
const containers = [
  { vmid: "101", name: "web-01", status: "running", lock: "", machineId: `ct101${suffix}` },
  { vmid: "102", name: "no-mid-02", status: "running", lock: "", machineId: "" },
  { vmid: "103", name: "old-03", status: "stopped", lock: "", machineId: `ct103${suffix}` },
  { vmid: "104", name: "done-04", status: "running", lock: "", machineId: `ct104${suffix}` },
  { vmid: "105", name: "locked-05", status: "running", lock: "backup", machineId: `ct105${suffix}` },
];

describe.skipIf(!isRoot)("proxmox_auto_enroll.sh with a stand-in pct", () => {
  useMigratedDatabase({ AGENT_RATE_LIMIT_MAX: "100000", REDIS_URL: undefined, TRUST_PROXY: "true" });
  let server: AgentHttpServer;
  let saved: Awaited<ReturnType<typeof getSettings>>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-pve-"));
  const root = path.join(dir, "cts");
  const bin = path.join(dir, "bin");

  beforeAll(async () => {
    resetRateLimiters();
    server = await startAgentHttpServer();
    saved = await getSettings();
    await updateSettings({ serverProtocol: "http", serverHost: "127.0.0.1", serverPort: server.port });
    // `pct list` as Proxmox prints it (Lock is empty for most containers).
    const list = ["VMID       Status     Lock         Name"];
    for (const ct of containers) {
      list.push(`${ct.vmid.padEnd(11)}${ct.status.padEnd(11)}${ct.lock.padEnd(13)}${ct.name}`);
      fs.mkdirSync(path.join(root, ct.vmid, "etc"), { recursive: true });
      if (ct.machineId) fs.writeFileSync(path.join(root, ct.vmid, "etc", "machine-id"), `${ct.machineId}\n`);
    }
    fs.writeFileSync(path.join(root, "list"), `${list.join("\n")}\n`);
    // 104 already runs the agent.
    fs.mkdirSync(path.join(root, "104", "etc", "patchmon"));
    fs.writeFileSync(path.join(root, "104", "etc", "patchmon", "credentials"), 'API_ID="x"\n');
    writeBin(
      bin,
      "pct",
      `R="${root}"
printf '%s\\n' "$*" >>"$R/calls"
case $1 in
list) cat "$R/list" ;;
exec)
	ct="$R/$2"; shift 2; [ "$1" = -- ] && shift
	[ -d "$ct" ] || { echo "container does not exist" >&2; exit 2; }
	case "$*" in
	"test -s /etc/patchmon/credentials") test -s "$ct/etc/patchmon/credentials" ;;
	"cat /etc/machine-id") cat "$ct/etc/machine-id" ;;
	sh) cat >"$ct/installer.sh"; mkdir -p "$ct/etc/patchmon"; echo 'API_ID="installed"' >"$ct/etc/patchmon/credentials"; echo "installer ran" ;;
	*) echo "unexpected pct exec: $*" >&2; exit 99 ;;
	esac
	;;
*) echo "unexpected pct call: $*" >&2; exit 99 ;;
esac
`,
    );
  });
  afterAll(async () => {
    await updateSettings({
      serverProtocol: saved.serverProtocol,
      serverHost: saved.serverHost,
      serverPort: saved.serverPort,
    });
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (token: Token, args: string[] = []) =>
    runScript(path.join(SCRIPTS, "proxmox_auto_enroll.sh"), args, {
      PATH: `${bin}:${process.env.PATH}`,
      PATCHMON_URL: server.url,
      AUTO_ENROLLMENT_KEY: token.key,
      AUTO_ENROLLMENT_SECRET: token.secret,
      HOST_PREFIX: "pve-",
    });
  const calls = () => {
    const file = path.join(root, "calls");
    const lines = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n") : [];
    fs.rmSync(file, { force: true });
    return lines;
  };
  const enrolStatuses = (from: number) =>
    server.exchanges
      .slice(from)
      .filter((e) => e.path === "/api/v1/auto-enrollment/enroll")
      .map((e) => e.status);
  const hostsNamed = (names: string[]) =>
    getDb().select().from(hosts).where(inArray(hosts.friendlyName, names));

  it("--dry-run lists what it would enrol and calls nothing on the server", async () => {
    const token = await createToken({ allow: ["127.0.0.0/8"] });
    const before = server.exchanges.length;
    const r = await run(token, ["--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`would enrol 101 as "pve-web-01" (machine id ct101${suffix})`);
    expect(r.stdout).toContain('would enrol 102 as "pve-no-mid-02" (machine id unknown)');
    expect(r.stdout).toContain(`would enrol 105 as "pve-locked-05"`);
    expect(r.stdout).toContain("104 (done-04): already enrolled");
    expect(r.stdout).not.toContain("old-03");
    expect(server.exchanges.length).toBe(before);
    expect(calls().some((c) => c.startsWith("exec 103 "))).toBe(false);
  });

  it("enrols running containers up to the token's daily limit, with a readable refusal after", async () => {
    const token = await createToken({ allow: ["127.0.0.0/8"], maxPerDay: 2 });
    const before = server.exchanges.length;
    const r = await run(token);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain("101 (web-01): enrolled and agent installed");
    expect(r.stdout).toContain("102 (no-mid-02): enrolled and agent installed");
    expect(r.stderr).toContain(
      "105 (locked-05): enrolment refused (HTTP 403): Daily enrollment limit reached for this token",
    );
    expect(r.stdout).toContain("Summary: 2 enrolled, 1 already enrolled, 1 failed");
    expect(enrolStatuses(before)).toEqual([201, 201, 403]);

    // The stopped container is never touched; the enrolled one is only checked.
    const pct = calls();
    expect(pct.filter((c) => c.startsWith("exec 103 "))).toEqual([]);
    expect(pct.filter((c) => c.startsWith("exec 104 "))).toEqual([
      "exec 104 -- test -s /etc/patchmon/credentials",
    ]);
    expect(pct.filter((c) => c.endsWith(" -- sh"))).toEqual(["exec 101 -- sh", "exec 102 -- sh"]);

    const created = await hostsNamed(["pve-web-01", "pve-no-mid-02", "pve-locked-05"]);
    expect(created.map((h) => [h.friendlyName, h.machineId]).sort()).toEqual([
      ["pve-no-mid-02", null],
      ["pve-web-01", `ct101${suffix}`],
    ]);

    // What went into each container is the server's installer for that container's host: its
    // one-time token exchanges for that host's credentials.
    for (const ct of ["101", "102"]) {
      const installer = fs.readFileSync(path.join(root, ct, "installer.sh"), "utf8");
      expect(installer).toContain(`PATCHMON_URL="${server.url}"`);
      const bootstrap = /BOOTSTRAP_TOKEN="([^"]+)"/.exec(installer)?.[1];
      expect(bootstrap).toMatch(/^[0-9a-f]{64}$/);
      const exchanged = await fetch(`${server.url}/api/v1/hosts/bootstrap/exchange`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: bootstrap }),
      });
      expect(exchanged.status).toBe(200);
      const { apiId } = await exchanged.json();
      const host = created.find((h) => h.friendlyName === (ct === "101" ? "pve-web-01" : "pve-no-mid-02"));
      expect(apiId).toBe(host?.apiId);
    }
  });

  it("a second token picks up the rest; a third run finds everything enrolled", async () => {
    const token = await createToken({ allow: ["127.0.0.0/8"] });
    let before = server.exchanges.length;
    // This time as the operator runs it: the printed command, piped into bash (sh on Proxmox is
    // dash, but some run it with bash).
    const command = enrolmentCommands({
      serverUrl: server.url,
      curlFlags: "-s",
      tokenKey: token.key,
      secret: token.secret,
    }).proxmox.replace(/ sh$/, " bash");
    expect(command).toMatch(/\| PATCHMON_URL=.* bash$/);
    let r = await runCommand(command, { PATH: `${bin}:${process.env.PATH}`, HOST_PREFIX: "pve-" });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("Summary: 1 enrolled, 3 already enrolled, 0 failed");
    expect(enrolStatuses(before)).toEqual([201]);
    expect(server.exchanges[before]?.path).toBe("/api/v1/auto-enrollment/script");
    const [locked] = await getDb()
      .select()
      .from(hosts)
      .where(eq(hosts.machineId, `ct105${suffix}`));
    expect(locked?.friendlyName).toBe("pve-locked-05");
    calls();

    before = server.exchanges.length;
    r = await run(token);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Summary: 0 enrolled, 4 already enrolled, 0 failed");
    expect(server.exchanges.length).toBe(before);
    expect(calls().filter((c) => c.endsWith(" -- sh"))).toEqual([]);
    expect(await hostsNamed(["pve-web-01", "pve-no-mid-02", "pve-locked-05", "pve-done-04"])).toHaveLength(3);
  });

  it("refuses to run off a Proxmox node, or without a token", async () => {
    const token = await createToken();
    const noPct = await runScript(path.join(SCRIPTS, "proxmox_auto_enroll.sh"), [], {
      PATH: "/usr/bin:/bin",
      PATCHMON_URL: server.url,
      AUTO_ENROLLMENT_KEY: token.key,
      AUTO_ENROLLMENT_SECRET: token.secret,
    });
    expect(noPct.code).toBe(1);
    expect(noPct.stderr).toContain("pct not found");
    const noToken = await runScript(path.join(SCRIPTS, "proxmox_auto_enroll.sh"), [], {
      PATH: `${bin}:${process.env.PATH}`,
      PATCHMON_URL: server.url,
    });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain("set AUTO_ENROLLMENT_KEY");
  });
});
