// The systemd-timer schedule: the units the agent writes (checked by systemd-analyze where it is
// installed), the calendar of every interval the server offers, when systemd is chosen over cron,
// and that the agent's `remove` and patchmon_remove.sh take the units away. systemctl is a
// stand-in that records its calls: this machine's init must not be asked to enable anything.
import { execFile, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { UPDATE_INTERVALS } from "@/lib/settings/schemas";
import { AGENT, AGENT_DIR, runLib, SHELLS } from "./helpers";

const onPath = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const hasAnalyze = onPath("systemd-analyze");
// A new PID namespace whose PID 1 is named "systemd" (needs root and unshare).
const unshare = spawnSync("sh", ["-c", "command -v unshare"], { encoding: "utf8" }).stdout.trim();
const canFakePid1 =
  process.getuid?.() === 0 &&
  unshare !== "" &&
  spawnSync(unshare, ["-fp", "--mount-proc", "true"]).status === 0;

const dir = mkdtempSync(path.join(tmpdir(), "patchmon-systemd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const units = path.join(dir, "units");
const bin = path.join(dir, "bin");
const etc = path.join(dir, "etc");
const agentBin = path.join(dir, "patchmon-agent.sh");
const API_ID = "patchmon_0123456789abcdef";
const UNIT_NAMES = [
  "patchmon-agent-checkin.service",
  "patchmon-agent-checkin.timer",
  "patchmon-agent-update.service",
  "patchmon-agent-update.timer",
];

function fakeBin(name: string, script: string): void {
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, name), `#!/bin/sh\n${script}`);
  chmodSync(path.join(bin, name), 0o755);
}
fakeBin("systemctl", `printf '%s\\n' "$*" >>"${dir}/systemctl.calls"\n`);
fakeBin(
  "crontab",
  `T="${dir}/crontab.txt"\ncase "$1" in -l) [ -f "$T" ] && cat "$T" || exit 1 ;; -r) rm -f "$T" ;; -) cat >"$T" ;; *) cat "$1" >"$T" ;; esac\n`,
);
mkdirSync(path.join(dir, "pid1"));

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: "test",
  PATH: `${bin}:${process.env.PATH}`,
  HOME: dir,
  PATCHMON_CONFIG_DIR: etc,
  PATCHMON_LOG_FILE: path.join(dir, "agent.log"),
  PATCHMON_BIN: agentBin,
  PATCHMON_SYSTEMD_DIR: units,
  ...extra,
});

function run(argv: string[], extra: Record<string, string> = {}) {
  const [cmd = "sh", ...rest] = argv;
  return new Promise<{ code: number; out: string }>((resolve) =>
    execFile(cmd, rest, { env: env(extra) }, (err, stdout, stderr) =>
      resolve({ code: err ? 1 : 0, out: stdout + stderr }),
    ),
  );
}
const agent = (args: string[], extra: Record<string, string> = {}) => run(["sh", AGENT, ...args], extra);
const read = (name: string) => readFileSync(path.join(units, name), "utf8");
const systemctlCalls = () => {
  const file = path.join(dir, "systemctl.calls");
  const calls = existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
  rmSync(file, { force: true });
  return calls;
};

function setInterval(minutes: number): void {
  writeFileSync(path.join(etc, "config"), `CURL_FLAGS="-s"\nUPDATE_INTERVAL="${minutes}"\n`);
}

beforeEach(() => {
  rmSync(units, { recursive: true, force: true });
  rmSync(etc, { recursive: true, force: true });
  mkdirSync(units);
  mkdirSync(etc);
  // An unreachable server: the agent keeps the configured interval (set per test).
  writeFileSync(
    path.join(etc, "credentials"),
    `PATCHMON_URL="http://127.0.0.1:9"\nAPI_ID="${API_ID}"\nAPI_KEY="${"k".repeat(64)}"\n`,
    { mode: 0o600 },
  );
  writeFileSync(agentBin, "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  writeFileSync(path.join(dir, "crontab.txt"), "5 4 * * * /usr/bin/backup.sh\n");
  systemctlCalls();
});

describe("systemd timers", () => {
  it("writes two oneshot services and two timers, enables them, and keeps the user's crontab", async () => {
    setInterval(15);
    const r = await agent(["update-crontab"], { PATCHMON_SCHEDULER: "systemd" });
    expect(r.code, r.out).toBe(0);
    expect(readdirSync(units).sort()).toEqual(UNIT_NAMES);
    expect(read("patchmon-agent-update.service")).toBe(
      `[Unit]\nDescription=PatchMon agent update\nAfter=network-online.target\n\n[Service]\nType=oneshot\nExecStart=${agentBin} update\n`,
    );
    expect(read("patchmon-agent-checkin.service")).toContain(`ExecStart=${agentBin} checkin\n`);
    const minute = Number(
      spawnSync("sh", ["-c", `printf '%s' ${API_ID} | cksum`])
        .stdout.toString()
        .split(" ")[0],
    );
    expect(read("patchmon-agent-update.timer")).toBe(
      `[Unit]\nDescription=PatchMon agent report every 15 minutes\n\n[Timer]\nOnCalendar=*-*-* *:${(minute % 60) % 15}/15:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n`,
    );
    expect(read("patchmon-agent-checkin.timer")).toContain("OnCalendar=*-*-* *:*:00\n");
    expect(systemctlCalls()).toEqual([
      "daemon-reload",
      "enable --now patchmon-agent-update.timer patchmon-agent-checkin.timer",
    ]);
    // No cron lines of ours beside the timers; the user's line stays.
    expect(readFileSync(path.join(dir, "crontab.txt"), "utf8")).toBe("5 4 * * * /usr/bin/backup.sh\n");
  });

  it.skipIf(!hasAnalyze)("systemd-analyze verify accepts the four units", async () => {
    setInterval(60);
    expect((await agent(["update-crontab"], { PATCHMON_SCHEDULER: "systemd" })).code).toBe(0);
    const verify = spawnSync(
      "systemd-analyze",
      ["verify", "--man=no", ...UNIT_NAMES.map((u) => path.join(units, u))],
      { encoding: "utf8" },
    );
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr).toBe("");
  });

  it.skipIf(!hasAnalyze).each(SHELLS)(
    "every interval the server offers gives a valid, matching calendar ($name)",
    (shell) => {
      for (const minutes of UPDATE_INTERVALS) {
        const spec = runLib(shell, `systemd_oncalendar ${minutes} ${API_ID}`).trim();
        const parsed = spawnSync("systemd-analyze", ["calendar", "--iterations=3", spec], {
          encoding: "utf8",
        });
        expect(parsed.status, `${minutes} min: ${spec}\n${parsed.stderr}`).toBe(0);
        // Consecutive runs are `minutes` apart (hourly steps: whole hours; daily: a day).
        const times = [...parsed.stdout.matchAll(/(?:Next elapse|Iter\. #\d): \w+ (\S+ \S+)/g)].map((m) =>
          Date.parse(`${(m[1] ?? "").replace(" ", "T")}Z`),
        );
        expect(times.length, parsed.stdout).toBe(3);
        const gaps = new Set(times.slice(1).map((t, i) => (t - (times[i] ?? 0)) / 60_000));
        if (60 % minutes === 0 || minutes % 60 === 0)
          expect([...gaps], `${minutes}: ${spec}`).toEqual([minutes]);
      }
    },
  );

  it("an interval change rewrites the timer; running again changes nothing", async () => {
    setInterval(15);
    await agent(["update-crontab"], { PATCHMON_SCHEDULER: "systemd" });
    setInterval(1440);
    expect((await agent(["update-crontab"], { PATCHMON_SCHEDULER: "systemd" })).code).toBe(0);
    const daily = read("patchmon-agent-update.timer");
    expect(daily).toMatch(/^OnCalendar=\*-\*-\* 00:\d{1,2}:00$/m);
    expect((await agent(["update-crontab"], { PATCHMON_SCHEDULER: "systemd" })).code).toBe(0);
    expect(read("patchmon-agent-update.timer")).toBe(daily);
    expect(readdirSync(units)).toHaveLength(4);
  });

  it("switching to cron removes the units and writes our two cron lines", async () => {
    setInterval(30);
    await agent(["update-crontab"], { PATCHMON_SCHEDULER: "systemd" });
    systemctlCalls();
    expect((await agent(["update-crontab"], { PATCHMON_SCHEDULER: "cron" })).code).toBe(0);
    expect(readdirSync(units)).toEqual([]);
    expect(systemctlCalls()).toEqual([
      "disable --now patchmon-agent-update.timer patchmon-agent-checkin.timer",
      "daemon-reload",
    ]);
    const cron = readFileSync(path.join(dir, "crontab.txt"), "utf8").trim().split("\n");
    expect(cron).toHaveLength(3);
  });

  it.each([
    ["the agent's remove", ["sh", AGENT, "remove"]],
    ["patchmon_remove.sh", ["sh", path.join(AGENT_DIR, "patchmon_remove.sh")]],
  ])("%s disables and deletes the units", async (_label, argv) => {
    setInterval(60);
    await agent(["update-crontab"], { PATCHMON_SCHEDULER: "systemd" });
    systemctlCalls();
    const r = await run(argv);
    expect(r.code, r.out).toBe(0);
    expect(readdirSync(units)).toEqual([]);
    const calls = systemctlCalls();
    expect(calls.join("\n")).toMatch(/disable --now patchmon-agent-update\.timer/);
    expect(calls.join("\n")).toMatch(/disable --now patchmon-agent-checkin\.timer|checkin\.timer/);
    expect(existsSync(path.join(etc, "credentials"))).toBe(false);
    expect(readFileSync(path.join(dir, "crontab.txt"), "utf8")).toBe("5 4 * * * /usr/bin/backup.sh\n");
  });
});

describe("systemd or cron", () => {
  it("cron here, where PID 1 is not systemd (even with systemctl on PATH)", async () => {
    expect(readFileSync("/proc/1/comm", "utf8").trim()).not.toBe("systemd");
    setInterval(60);
    expect((await agent(["update-crontab"])).code).toBe(0);
    expect(readdirSync(units)).toEqual([]);
    expect(readFileSync(path.join(dir, "crontab.txt"), "utf8")).toContain("checkin");
  });

  it.skipIf(!canFakePid1)(
    "systemd when PID 1 is systemd and systemctl exists; cron without systemctl",
    () => {
      // PID 1 of a new namespace is a shell started under the name "systemd" (comm = "systemd").
      const pid1 = path.join(dir, "pid1", "systemd");
      rmSync(pid1, { force: true });
      spawnSync("ln", ["-s", "/bin/sh", pid1]);
      const ask = (pathEnv: string) =>
        spawnSync(
          unshare,
          [
            "-fp",
            "--mount-proc",
            pid1,
            "-c",
            `PATCHMON_AGENT_LIB=1 PATCHMON_LOG_FILE= . "${AGENT}" && scheduler`,
          ],
          { encoding: "utf8", env: { NODE_ENV: "test", PATH: pathEnv } },
        );
      const withSystemctl = ask(`${bin}:/usr/bin:/bin`);
      expect(withSystemctl.stdout.trim(), withSystemctl.stderr).toBe("systemd");
      const noSystemctl = path.join(dir, "no-systemctl");
      mkdirSync(noSystemctl, { recursive: true });
      for (const tool of ["cat", "awk", "sed", "grep", "date", "id", "uname", "mktemp", "rm", "cksum"]) {
        const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
        if (found && !existsSync(path.join(noSystemctl, tool)))
          spawnSync("ln", ["-s", found, path.join(noSystemctl, tool)]);
      }
      expect(ask(noSystemctl).stdout.trim()).toBe("cron");
    },
  );
});
