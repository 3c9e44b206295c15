import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { debianInventory } from "../../tests/support/debian-inventory";
import { AGENT, AGENT_DIR, fixture, readJson, runLib, SHELLS } from "./helpers";

function sh(cmd: string): string {
  return execFileSync("sh", ["-c", cmd], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

function run(
  shell: { argv: string[] },
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [cmd = "sh", ...rest] = shell.argv;
  return new Promise((resolve) => {
    execFile(
      cmd,
      [...rest, AGENT, ...args],
      { env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Write an executable script NAME into DIR. */
function fakeBin(dir: string, name: string, script: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}`);
  chmodSync(path.join(dir, name), 0o755);
}

/** A directory of symlinks to everything on PATH except `hidden`: a PATH without those commands. */
function pathWithout(dir: string, hidden: string[]): string {
  mkdirSync(dir, { recursive: true });
  for (const d of (process.env.PATH ?? "").split(":")) {
    if (!d || !existsSync(d)) continue;
    for (const f of readdirSync(d)) {
      if (hidden.includes(f) || existsSync(path.join(dir, f))) continue;
      symlinkSync(path.join(d, f), path.join(dir, f));
    }
  }
  return dir;
}

describe("JSON generation", () => {
  const nasty = [
    'say "hi"',
    "back\\slash \\n not a newline",
    "tab\there",
    "ctrl\u0001\u001fend",
    "unicode: café ✓ 日本語 😀",
  ];
  it.each(SHELLS)("escapes quotes, backslashes, tabs, control chars and keeps UTF-8 ($name)", (shell) => {
    const tsv = nasty.map((d, i) => `pkg${i}\t1.0\t\tfalse\tfalse\t\t${d}`).join("\n");
    const out = JSON.parse(runLib(shell, "packages_json", { input: `${tsv}\n` }));
    expect(out.map((p: { description: string }) => p.description)).toEqual(nasty);
    for (const s of nasty) expect(JSON.parse(runLib(shell, 'json_str "$V"', { env: { V: s } }))).toBe(s);
    expect(JSON.parse(runLib(shell, 'json_str "$V"', { env: { V: "two\nlines" } }))).toBe("two\nlines");
  });

  it.each(SHELLS)("reads flat values and queued commands from server answers ($name)", (shell) => {
    const answer =
      '{"message":"Ping successful","crontabUpdate":{"shouldUpdate":true},"commands":[{"type":"report_now"},{"type": "update_agent"}],"n":42,"s":"a\\"b"}';
    expect(runLib(shell, "json_command_types", { input: answer }).trim().split("\n")).toEqual([
      "report_now",
      "update_agent",
    ]);
    expect(runLib(shell, "json_get shouldUpdate", { input: answer }).trim()).toBe("true");
    expect(runLib(shell, "json_get n", { input: answer }).trim()).toBe("42");
    expect(runLib(shell, "json_get s", { input: answer }).trim()).toBe('a"b');
  });
});

describe.skipIf(!sh("command -v dpkg-query || true").trim())(
  "update --dry-run on this Debian machine",
  () => {
    const machine = debianInventory();

    it.each(SHELLS)(
      "builds a valid report matching dpkg-query and apt-get -s upgrade ($name)",
      async (shell) => {
        const { code, stdout, stderr } = await run(shell, ["-v", "update", "--dry-run"], {
          PATCHMON_LOG_FILE: "",
          PATCHMON_CONFIG_DIR: "/nonexistent",
        });
        expect(code, stderr).toBe(0);
        // stdout carries the report only, even at debug verbosity; logs are on stderr.
        const report = JSON.parse(stdout);
        expect(stderr).toContain("[debug]");
        expect(report.collectionError).toBeUndefined();
        expect(report.packages).toHaveLength(machine.installed);
        const names = new Set(report.packages.map((p: { name: string }) => p.name));
        expect(names.size).toBe(report.packages.length);
        const pending = report.packages.filter((p: { needsUpdate: boolean }) => p.needsUpdate);
        expect(pending).toHaveLength(machine.upgradable);
        expect(pending.filter((p: { isSecurityUpdate: boolean }) => p.isSecurityUpdate)).toHaveLength(
          machine.security,
        );
        expect(report.packagesHash).toMatch(/^[0-9a-f]{64}$/);
        expect(report.osType).toBe(sh(". /etc/os-release; echo $ID").trim());
        expect(report.machineId).toBe(readFileSync("/etc/machine-id", "utf8").trim());
        expect(report.agentVersion).toBe("1.0.0");
        expect(report.loadAverage).toHaveLength(3);
        expect(report.cpuCores).toBeGreaterThan(0);
        expect(typeof report.executionTime).toBe("number");
        expect(Array.isArray(report.networkInterfaces)).toBe(true);
        expect(report.repositories.length).toBeGreaterThan(0);
      },
      60_000,
    );
  },
);

// A small stand-in for the server: records requests, answers the agent protocol.
type Req = { method: string; url: string; headers: Record<string, unknown>; body: string };
describe("talking to a server", () => {
  let server: Server;
  let base = "";
  const requests: Req[] = [];
  const lastRequest = (): Req => {
    const r = requests.at(-1);
    if (!r) throw new Error("no request recorded");
    return r;
  };
  let storedHash = "";
  let pingCommands: string[] = [];
  let served = '#!/bin/sh\nAGENT_VERSION="9.9.9"\necho new agent\n';
  let advertisedHash = "";
  const bootstrapTokens = new Set<string>(["token-1"]);
  const dir = mkdtempSync(path.join(tmpdir(), "patchmon-agent-"));

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        const json = (code: number, o: unknown) => {
          res.writeHead(code, { "content-type": "application/json" });
          res.end(JSON.stringify(o));
        };
        if (req.url === "/api/v1/hosts/bootstrap/exchange") {
          const { token } = JSON.parse(body || "{}");
          if (!bootstrapTokens.delete(token)) return json(401, { error: "Invalid or expired token" });
          return json(200, { apiId: `patchmon_${"b".repeat(16)}`, apiKey: "k".repeat(64) });
        }
        if (req.headers["x-api-key"] !== "k".repeat(64))
          return json(401, { error: "Invalid API credentials" });
        const url = req.url ?? "";
        if (url.startsWith("/api/v1/hosts/ping")) {
          const commands = pingCommands.map((type) => ({ type }));
          pingCommands = [];
          return json(200, { message: "Ping successful", commands });
        }
        if (url.startsWith("/api/v1/settings/update-interval"))
          return json(200, { updateInterval: 15, cronExpression: "*/15 * * * *" });
        if (url.startsWith("/api/v1/hosts/update")) {
          const r = JSON.parse(body);
          if (r.packagesUnchanged && r.packagesHash !== storedHash)
            return json(409, { error: "full report required" });
          if (!r.packagesUnchanged && !r.collectionError) storedHash = r.packagesHash;
          return json(200, {
            message: "Host updated successfully",
            packagesProcessed: r.packages.length,
            updatesAvailable: 0,
            securityUpdates: 0,
          });
        }
        if (url.startsWith("/api/v1/hosts/agent/version"))
          return json(200, {
            currentVersion: "1.0.0",
            latestVersion: "9.9.9",
            hasUpdate: true,
            autoUpdateDisabled: false,
            hash: advertisedHash,
          });
        if (url.startsWith("/api/v1/hosts/agent/download")) {
          res.writeHead(200, { "content-type": "text/x-shellscript" });
          return res.end(served);
        }
        json(404, { error: "not found" });
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A fake crontab(1): -l prints the stored table, FILE or - replaces it, -r removes it.
    writeFileSync(
      path.join(dir, "crontab"),
      `#!/bin/sh\nT="${dir}/crontab.txt"\ncase "$1" in -l) [ -f "$T" ] && cat "$T" || { echo "no crontab for root" >&2; exit 1; } ;; -r) rm -f "$T" ;; -) cat > "$T" ;; *) cat "$1" > "$T" ;; esac\n`,
    );
    chmodSync(path.join(dir, "crontab"), 0o755);
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    PATH: `${dir}:${process.env.PATH}`,
    PATCHMON_CONFIG_DIR: path.join(dir, "etc"),
    PATCHMON_LOG_FILE: path.join(dir, "agent.log"),
    PATCHMON_BIN: path.join(dir, "bin", "patchmon-agent.sh"),
    PATCHMON_SCHEDULER: "cron",
    ...extra,
  });
  const shell = SHELLS.at(-1) ?? { name: "sh", argv: ["sh"] }; // busybox when present: the strictest

  it("configure writes a 600 credentials file; test pings with the key headers", async () => {
    sh(`mkdir -p "${dir}/etc" "${dir}/bin"`);
    const c = await run(shell, ["configure", `patchmon_${"a".repeat(16)}`, "k".repeat(64), base], env());
    expect(c.code, c.stderr).toBe(0);
    expect(statSync(path.join(dir, "etc/credentials")).mode & 0o777).toBe(0o600);
    const t = await run(shell, ["test"], env());
    expect(t.code, t.stderr).toBe(0);
    const ping = lastRequest();
    expect(ping.headers["x-api-id"]).toBe(`patchmon_${"a".repeat(16)}`);
    expect(ping.method).toBe("POST");
  });

  describe("wget fallback (no curl on PATH)", () => {
    const rec = path.join(dir, "wget-rec");
    const key = "k".repeat(64);
    let noCurl = "";
    beforeAll(() => {
      noCurl = pathWithout(path.join(dir, "no-curl"), ["curl", "wget"]);
      mkdirSync(rec, { recursive: true });
      // GNU wget stand-in: records argv, environment and the wgetrc it was given; answers 200.
      fakeBin(
        path.join(dir, "gnu-wget"),
        "wget",
        `case "$1" in --version) echo "GNU Wget 1.21.3 built on linux-gnu."; exit 0 ;; esac
R="${rec}"
printf '%s\\n' "$@" >"$R/argv"
env >"$R/env"
if [ -n "$WGETRC" ]; then cat "$WGETRC" >"$R/wgetrc"; stat -c %a "$WGETRC" >"$R/wgetrc.mode"; fi
out=""; prev=""
for a in "$@"; do [ "$prev" = -O ] && out=$a; prev=$a; done
printf '{"message":"Ping successful"}' >"$out"
echo "  HTTP/1.1 200 OK" >&2
`,
      );
      // BusyBox wget stand-in: no --version, headers only as arguments.
      fakeBin(
        path.join(dir, "busybox-wget"),
        "wget",
        `case "$1" in --version) echo "wget: unrecognized option '--version'" >&2; echo "BusyBox v1.36.1 multi-call binary." >&2; exit 1 ;; esac
printf '%s\\n' "$@" >"${rec}/argv-busybox"
exit 1
`,
      );
    });

    it.each(SHELLS)("GNU wget gets the key from a private wgetrc, never in argv ($name)", async (sh_) => {
      rmSync(rec, { recursive: true, force: true });
      mkdirSync(rec);
      const r = await run(sh_, ["test"], env({ PATH: `${path.join(dir, "gnu-wget")}:${noCurl}` }));
      expect(r.code, r.stderr).toBe(0);
      const argv = readFileSync(path.join(rec, "argv"), "utf8");
      expect(argv).toContain("/api/v1/hosts/ping");
      expect(argv).not.toContain(key);
      expect(argv).not.toContain("X-API");
      const environ = readFileSync(path.join(rec, "env"), "utf8");
      expect(environ).toMatch(/^WGETRC=.*\/wgetrc$/m);
      expect(environ).not.toContain(key);
      const rc = readFileSync(path.join(rec, "wgetrc"), "utf8");
      expect(rc).toContain(`header = X-API-KEY: ${key}\n`);
      expect(rc).toContain(`header = X-API-ID: patchmon_${"a".repeat(16)}\n`);
      expect(readFileSync(path.join(rec, "wgetrc.mode"), "utf8").trim()).toBe("600");
    });

    it.each(SHELLS)("BusyBox wget is refused: install curl, key not leaked ($name)", async (sh_) => {
      rmSync(rec, { recursive: true, force: true });
      mkdirSync(rec);
      const r = await run(sh_, ["test"], env({ PATH: `${path.join(dir, "busybox-wget")}:${noCurl}` }));
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/install curl/i);
      expect(r.stderr + r.stdout).not.toContain(key);
      expect(existsSync(path.join(rec, "argv-busybox"))).toBe(false);
    });

    it.skipIf(!/^GNU Wget /.test(sh("wget --version 2>/dev/null | head -n 1 || true")))(
      "real GNU wget authenticates with the wgetrc headers (POST and GET)",
      async () => {
        const withWget = pathWithout(path.join(dir, "no-curl-real-wget"), ["curl"]);
        const before = requests.length;
        let r = await run(shell, ["test"], env({ PATH: withWget }));
        expect(r.code, r.stderr).toBe(0);
        r = await run(shell, ["check-version"], env({ PATH: withWget }));
        expect(r.code, r.stderr).toBe(0);
        const sent = requests.slice(before);
        expect(sent.map((q) => `${q.method} ${q.url.split("?")[0]}`)).toEqual([
          "POST /api/v1/hosts/ping",
          "GET /api/v1/hosts/agent/version",
        ]);
        for (const q of sent) expect(q.headers["x-api-key"]).toBe(key);
      },
    );
  });

  it("update-crontab keeps the user's lines, writes one set of ours, and is idempotent", async () => {
    writeFileSync(
      path.join(dir, "crontab.txt"),
      "# user comment\n5 4 * * * /usr/bin/backup.sh\n*/60 * * * * " +
        path.join(dir, "bin", "patchmon-agent.sh") +
        " update >/dev/null 2>&1\n",
    );
    for (let i = 0; i < 2; i++) {
      const r = await run(shell, ["update-crontab"], env());
      expect(r.code, r.stderr).toBe(0);
    }
    const lines = readFileSync(path.join(dir, "crontab.txt"), "utf8").trim().split("\n");
    expect(lines.slice(0, 2)).toEqual(["# user comment", "5 4 * * * /usr/bin/backup.sh"]);
    const ours = lines.filter((l) => l.includes("# patchmon-agent"));
    expect(ours).toHaveLength(2);
    expect(lines).toHaveLength(4); // the legacy untagged PatchMon line is replaced
    expect(ours[0]).toMatch(/^\d{1,2}-59\/15 \* \* \* \* .*patchmon-agent\.sh update /);
    expect(ours[1]).toMatch(/^\* \* \* \* \* .*patchmon-agent\.sh checkin /);
    expect(readFileSync(path.join(dir, "etc/config"), "utf8")).toContain('UPDATE_INTERVAL="15"');
  });

  it("update sends the full list, then packagesUnchanged, and the full list again on 409", async () => {
    const e = env({ PATCHMON_PKG_MANAGER: "apt" });
    let r = await run(shell, ["update"], e);
    expect(r.code, r.stderr).toBe(0);
    const first = JSON.parse(lastRequest().body);
    expect(first.packages.length).toBeGreaterThan(0);
    r = await run(shell, ["update"], e);
    const second = JSON.parse(lastRequest().body);
    expect(second).toMatchObject({ packagesUnchanged: true, packagesHash: first.packagesHash, packages: [] });
    storedHash = "something else";
    const before = requests.length;
    r = await run(shell, ["update"], e);
    expect(r.code, r.stderr).toBe(0);
    const sent = requests.slice(before).map((q) => JSON.parse(q.body));
    expect(sent).toHaveLength(2);
    expect(sent[0].packagesUnchanged).toBe(true);
    expect(sent[1].packages).toHaveLength(first.packages.length);
  }, 60_000);

  it("a failing package manager sends collectionError, never an empty list alone", async () => {
    const r = await run(shell, ["update"], env({ PATCHMON_PKG_MANAGER: "none-such" }));
    expect(r.code).not.toBe(0);
    const body = JSON.parse(lastRequest().body);
    expect(body.collectionError).toMatch(/no supported package manager/);
    expect(body.packages).toEqual([]);
  });

  it("update-agent refuses a hash mismatch, then installs a verified download with a backup", async () => {
    const bin = path.join(dir, "bin", "patchmon-agent.sh");
    writeFileSync(bin, "#!/bin/sh\necho old\n");
    advertisedHash = "0".repeat(64);
    let r = await run(shell, ["update-agent"], env());
    expect(r.code).not.toBe(0);
    expect(readFileSync(bin, "utf8")).toContain("echo old");
    advertisedHash = createHash("sha256").update(served).digest("hex");
    r = await run(shell, ["update-agent"], env());
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(bin, "utf8")).toBe(served);
    expect(readFileSync(`${bin}.bak`, "utf8")).toContain("echo old");
    expect(statSync(bin).mode & 0o111).not.toBe(0);
  });

  it("checkin runs queued commands (report_now sends a report)", async () => {
    pingCommands = ["report_now"];
    const before = requests.length;
    const r = await run(shell, ["checkin"], env({ PATCHMON_PKG_MANAGER: "apt" }));
    expect(r.code, r.stderr).toBe(0);
    expect(requests.slice(before).map((q) => q.url.split("?")[0])).toEqual([
      "/api/v1/hosts/ping",
      "/api/v1/hosts/update",
    ]);
  }, 60_000);

  it("remove deletes our cron lines and files, keeps the user's lines", async () => {
    const r = await run(shell, ["remove"], env());
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "crontab.txt"), "utf8")).toBe(
      "# user comment\n5 4 * * * /usr/bin/backup.sh\n",
    );
    expect(() => statSync(path.join(dir, "etc/credentials"))).toThrow();
    expect(() => statSync(path.join(dir, "bin/patchmon-agent.sh"))).toThrow();
  });

  it("wrong key: test fails with the server's message", async () => {
    sh(`mkdir -p "${dir}/etc"`);
    await run(shell, ["configure", "patchmon_0000000000000000", "bad", base], env());
    const r = await run(shell, ["test"], env());
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("Invalid API credentials");
    expect(r.stdout).toBe("");
  });

  it("the installer sets everything up, is idempotent, and the remover undoes it", async () => {
    served = readFileSync(AGENT, "utf8");
    const rendered = readFileSync(path.join(AGENT_DIR, "patchmon_install.sh"), "utf8")
      .replaceAll("__PATCHMON_URL__", base)
      .replaceAll("__CURL_FLAGS__", "-s")
      .replaceAll("__BOOTSTRAP_TOKEN__", "token-1")
      .replaceAll("__FORCE_INSTALL__", "false")
      .replaceAll("__ARCHITECTURE__", "x86_64");
    const script = path.join(dir, "install.sh");
    writeFileSync(script, rendered);
    writeFileSync(path.join(dir, "crontab.txt"), "5 4 * * * /usr/bin/backup.sh\n");
    // A child that reads stdin (as apt-get or an agent prompt could) must not swallow the rest of
    // a piped installer.
    fakeBin(path.join(dir, "greedy"), "timedatectl", "cat >/dev/null\necho Etc/UTC\n");
    const e = env({ PATCHMON_PKG_MANAGER: "apt", PATH: `${path.join(dir, "greedy")}:${env().PATH}` });
    for (let i = 0; i < 2; i++) {
      // First run as served (`curl ... | sh`), the re-run from a file.
      const argv = i === 0 ? ["-c", `cat "${script}" | sh`] : [script];
      const res = await new Promise<{ code: number; out: string }>((resolve) =>
        execFile("sh", argv, { env: { ...process.env, ...e } }, (err, stdout, stderr) =>
          resolve({ code: err ? 1 : 0, out: stdout + stderr }),
        ),
      );
      expect(res.code, res.out).toBe(0);
      expect(res.out).toContain("PatchMon Agent installation completed successfully");
      if (i === 1) expect(res.out).toContain("keeping the existing, working credentials");
    }
    const cred = readFileSync(path.join(dir, "etc/credentials"), "utf8");
    expect(cred).toContain(`API_ID="patchmon_${"b".repeat(16)}"`);
    expect(statSync(path.join(dir, "etc/credentials")).mode & 0o777).toBe(0o600);
    expect(sh(`ls "${dir}/etc"`).trim().split("\n").sort()).toEqual([
      "config",
      "credentials",
      "last-packages-hash",
    ]);
    expect(readFileSync(path.join(dir, "bin/patchmon-agent.sh"), "utf8")).toBe(served);
    const cron = readFileSync(path.join(dir, "crontab.txt"), "utf8").trim().split("\n");
    expect(cron[0]).toBe("5 4 * * * /usr/bin/backup.sh");
    expect(cron.filter((l) => l.includes("# patchmon-agent"))).toHaveLength(2);
    expect(cron).toHaveLength(3);

    const rm = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(
        "sh",
        [path.join(AGENT_DIR, "patchmon_remove.sh")],
        { env: { ...process.env, ...e } },
        (err, stdout, stderr) => resolve({ code: err ? 1 : 0, out: stdout + stderr }),
      ),
    );
    expect(rm.code, rm.out).toBe(0);
    expect(readFileSync(path.join(dir, "crontab.txt"), "utf8")).toBe("5 4 * * * /usr/bin/backup.sh\n");
    expect(() => statSync(path.join(dir, "etc"))).toThrow();
    expect(() => statSync(path.join(dir, "bin/patchmon-agent.sh"))).toThrow();
    expect(() => statSync(path.join(dir, "agent.log"))).toThrow();
  }, 120_000);
});

describe("package managers through stand-ins on PATH", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "patchmon-pm-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const dryRun = async (shell: (typeof SHELLS)[number], bin: string, pm: string) => {
    const r = await run(shell, ["update", "--dry-run"], {
      PATH: `${bin}:${process.env.PATH}`,
      PATCHMON_PKG_MANAGER: pm,
      PATCHMON_NATIVE_ARCH: "x86_64",
      PATCHMON_LOG_FILE: "",
      PATCHMON_CONFIG_DIR: "/nonexistent",
    });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  it.each(SHELLS)("zypper runs read-only (ZYPP_READONLY_HACK=1), C locale ($name)", async (shell) => {
    const bin = path.join(dir, `zypper-${shell.name.replace(/\W/g, "")}`);
    const fx = fixture("zypper", "leap-15.5");
    fakeBin(bin, "rpm", `cat "${fx}/rpm-qa.txt"\n`);
    fakeBin(
      bin,
      "zypper",
      `printf '%s|%s|%s\\n' "$*" "$ZYPP_READONLY_HACK" "$LC_ALL" >>"${bin}/calls"
case "$*" in
*list-updates*) cat "${fx}/list-updates.txt"; exit 100 ;;
*list-patches*) cat "${fx}/list-patches-security.txt" ;;
esac
`,
    );
    const report = await dryRun(shell, bin, "zypper");
    expect(report.collectionError).toBeUndefined();
    expect(report.packages).toHaveLength(
      (readJson(fixture("zypper", "leap-15.5", "expected.json")) as []).length,
    );
    const calls = readFileSync(path.join(bin, "calls"), "utf8").trim().split("\n");
    expect(
      calls.map((c) =>
        c
          .split("|")[0]
          ?.split(" ")
          .find((w) => !w.startsWith("-")),
      ),
    ).toEqual(["list-updates", "list-patches", "info"]);
    for (const c of calls) expect(c).toMatch(/\|1\|C$/);
  });

  const pacmanBin = (name: string, status: number) => {
    const bin = path.join(dir, name);
    const fx = fixture("pacman", "manjaro");
    fakeBin(bin, "pacman", `cat "${fx}/pacman-Q.txt"\n`);
    fakeBin(
      bin,
      "checkupdates",
      status === 0
        ? `cat "${fx}/checkupdates.txt"\n`
        : status === 1
          ? 'echo "==> ERROR: Cannot fetch updates" >&2\nexit 1\n'
          : "exit 2\n",
    );
    return bin;
  };

  it.each(SHELLS)(
    "pacman: checkupdates exit 1 is a collection failure, not zero updates ($name)",
    async (shell) => {
      const report = await dryRun(
        shell,
        pacmanBin(`pacman-fail-${shell.name.replace(/\W/g, "")}`, 1),
        "pacman",
      );
      expect(report.collectionError).toMatch(/checkupdates failed \(1\).*Cannot fetch updates/);
      expect(report.packages).toEqual([]);
    },
  );

  it("pacman: checkupdates exit 2 means none pending, exit 0 lists them", async () => {
    const shell = SHELLS.at(-1) ?? { name: "sh", argv: ["sh"] };
    const none = await dryRun(shell, pacmanBin("pacman-none", 2), "pacman");
    expect(none.collectionError).toBeUndefined();
    expect(none.packages.length).toBeGreaterThan(0);
    expect(none.packages.filter((p: { needsUpdate: boolean }) => p.needsUpdate)).toEqual([]);
    const some = await dryRun(shell, pacmanBin("pacman-some", 0), "pacman");
    expect(some.collectionError).toBeUndefined();
    expect(some.packages).toEqual(readJson(fixture("pacman", "manjaro", "expected.json")));
  });
});
