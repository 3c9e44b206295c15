// The live collectors of DNF5 and zypper through stand-ins on PATH (no Fedora or openSUSE here):
// which commands the agent runs, and that their recorded output gives the expected packages.
import { execFile } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AGENT, fixture, readJson, runLib, SHELLS } from "./helpers";

const dir = mkdtempSync(path.join(tmpdir(), "patchmon-collectors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The base system without any package manager, so detection sees only the stand-ins.
const MANAGERS = ["apt-get", "dpkg-query", "dnf", "dnf5", "yum", "zypper", "apk", "pacman", "rpm"];
const base = path.join(dir, "base");
mkdirSync(base);
for (const d of ["/usr/local/bin", "/usr/bin", "/bin"]) {
  if (!existsSync(d)) continue;
  for (const f of readdirSync(d)) {
    if (!MANAGERS.includes(f) && !existsSync(path.join(base, f)))
      symlinkSync(path.join(d, f), path.join(base, f));
  }
}

function fakeBin(bin: string, name: string, script: string): void {
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, name), `#!/bin/sh\n${script}`);
  chmodSync(path.join(bin, name), 0o755);
}

// biome-ignore lint/suspicious/noExplicitAny: the report is checked field by field.
function dryRun(shell: { argv: string[] }, bin: string, pm?: string): Promise<any> {
  const [cmd = "sh", ...rest] = shell.argv;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Only the stand-ins and the base tools: no real dnf/zypper can leak in.
    PATH: `${bin}:${base}`,
    PATCHMON_NATIVE_ARCH: "x86_64",
    PATCHMON_LOG_FILE: "",
    PATCHMON_CONFIG_DIR: "/nonexistent",
  };
  if (pm) env.PATCHMON_PKG_MANAGER = pm;
  else delete env.PATCHMON_PKG_MANAGER;
  return new Promise((resolve, reject) =>
    execFile(cmd, [...rest, AGENT, "update", "--dry-run"], { env, maxBuffer: 1 << 26 }, (err, out, errOut) =>
      err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(JSON.parse(out)),
    ),
  );
}

const calls = (bin: string) => readFileSync(path.join(bin, "calls"), "utf8").trim().split("\n");
const shell = SHELLS.at(-1) ?? { name: "sh", argv: ["sh"] };

/** A Fedora of dnf `version` (5.x: DNF5 as `dnf`, plus `dnf5`; 4.x: dnf4), fed from FIXTURE. */
function fedora(name: string, version: string, fx: string, withDnf = true): string {
  const bin = path.join(dir, name);
  fakeBin(bin, "rpm", `cat "${fx}/rpm-qa.txt"\n`);
  const body = (self: string) => `printf '%s %s|%s\\n' "${self}" "$*" "$LC_ALL" >>"${bin}/calls"
case "$*" in
--version) ${version.startsWith("5") ? `echo "dnf5 version ${version}"; echo "dnf5 plugin API version 2.0"` : `echo "${version}"`} ;;
"-q -C check-upgrade") cat "${fx}/check-upgrade.txt"; exit 100 ;;
"-q -C advisory list --security") cat "${fx}/advisory-list-security.txt" ;;
"-q -C check-update") cat "${fx}/check-update.txt"; exit 100 ;;
"-q -C updateinfo list security") cat "${fx}/updateinfo-list-security.txt" ;;
*) echo "unexpected: $*" >&2; exit 2 ;;
esac
`;
  if (withDnf) fakeBin(bin, "dnf", body("dnf"));
  if (version.startsWith("5")) fakeBin(bin, "dnf5", body("dnf5"));
  return bin;
}

describe("DNF5 (Fedora 41+)", () => {
  it.each(SHELLS)("dnf that is DNF5: check-upgrade and advisory list --security ($name)", async (sh) => {
    const fx = fixture("dnf", "fedora-41");
    const bin = fedora(`f41-${sh.name.replace(/\W/g, "")}`, "5.2.8.1", fx);
    const report = await dryRun(sh, bin);
    expect(report.collectionError).toBeUndefined();
    expect(report.packageManager).toBe("dnf");
    expect(report.packages).toEqual(readJson(path.join(fx, "expected.json")));
    expect(calls(bin)).toEqual([
      "dnf --version|C",
      "dnf5 -q -C check-upgrade|C",
      "dnf5 -q -C advisory list --security|C",
    ]);
  });

  it("only dnf5 installed (no dnf): DNF5 commands", async () => {
    const fx = fixture("dnf", "fedora-42");
    const bin = fedora("f42-dnf5-only", "5.2.13.1", fx, false);
    const report = await dryRun(shell, bin);
    expect(report.packageManager).toBe("dnf");
    expect(report.packages).toEqual(readJson(path.join(fx, "expected.json")));
    expect(calls(bin)).toEqual(["dnf5 -q -C check-upgrade|C", "dnf5 -q -C advisory list --security|C"]);
  });

  it("dnf 4 keeps check-update and updateinfo", async () => {
    const fx = fixture("dnf", "rhel-9");
    const bin = fedora("rhel9-dnf4", "4.14.0", fx);
    const report = await dryRun(shell, bin, "dnf");
    expect(report.packages).toEqual(readJson(path.join(fx, "expected.json")));
    expect(calls(bin)).toEqual([
      "dnf --version|C",
      "dnf -q -C check-update|C",
      "dnf -q -C updateinfo list security|C",
    ]);
  });

  it.each(SHELLS)("parsers: newest of repeated builds, advisories with an empty severity ($name)", (sh) => {
    const env = { PATCHMON_NATIVE_ARCH: "x86_64" };
    // DNF5 5.0 listed every newer build of a package, oldest first.
    const upgrades = runLib(sh, "parse_dnf_updates", {
      env,
      input: [
        "vim-minimal.x86_64      2:9.1.1275-1.fc42   updates",
        "vim-minimal.x86_64      2:9.1.1298-1.fc42   updates-testing",
        "bash.x86_64             5.2.37-2.fc42       updates",
        "",
      ].join("\n"),
    });
    expect(upgrades).toBe("vim-minimal\t\t2:9.1.1298-1.fc42\t\t\nbash\t\t5.2.37-2.fc42\t\t\n");
    const security = runLib(sh, "parse_dnf_security", {
      env,
      input: [
        "Name                  Type     Severity Package                               Issued",
        "ALSA-2025:1234        security          vim-minimal-2:9.1.1298-1.el10.x86_64 2025-04-09 01:37:40",
        "ALSA-2025:1300        bugfix   None     bash-5.2.37-2.el10.x86_64            2025-04-10 01:00:00",
        "ALSA-2025:1301        security Moderate glibc-2.39-37.el10.i686              2025-04-11 01:00:00",
        "",
      ].join("\n"),
    });
    expect(security).toBe("vim-minimal\nglibc.i686\n");
  });
});

describe("zypper when `zypper info -t patch` gives nothing", () => {
  it.each(SHELLS)("security from the patch summaries; other upgrades unknown ($name)", async (sh) => {
    const fx = fixture("zypper", "leap-15.5");
    const bin = path.join(dir, `zypper-noinfo-${sh.name.replace(/\W/g, "")}`);
    fakeBin(bin, "rpm", `cat "${fx}/rpm-qa.txt"\n`);
    // The recorded list-patches output without its appended `info` part, and an `info` that prints
    // nothing (as older zypper does for patches it cannot resolve).
    writeFileSync(
      path.join(bin, "list-patches.txt"),
      readFileSync(path.join(fx, "list-patches-security.txt"), "utf8").split("\nInformation for patch")[0] ??
        "",
    );
    fakeBin(
      bin,
      "zypper",
      `printf '%s\\n' "$*" >>"${bin}/calls"
case "$*" in
*list-updates*) cat "${fx}/list-updates.txt"; exit 100 ;;
*list-patches*) cat "${bin}/list-patches.txt" ;;
*info*) exit 0 ;;
esac
`,
    );
    const report = await dryRun(sh, bin, "zypper");
    expect(report.collectionError).toBeUndefined();
    expect(calls(bin).map((c) => c.split(" ").find((w) => !w.startsWith("-")))).toEqual([
      "list-updates",
      "list-patches",
      "info",
    ]);
    const upgrades = Object.fromEntries(
      // biome-ignore lint/suspicious/noExplicitAny: report rows
      report.packages.filter((p: any) => p.needsUpdate).map((p: any) => [p.name, p.isSecurityUpdate]),
    );
    // "Security update for openssl-1_1" names openssl-1_1; its library libopenssl1_1 is only known
    // from the info Conflicts, so here it is unknown, as are glibc and timezone.
    expect(upgrades).toEqual({
      glibc: null,
      "glibc-32bit": null,
      libopenssl1_1: null,
      "openssl-1_1": true,
      timezone: null,
    });
  });
});
