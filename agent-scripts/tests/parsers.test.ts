import { describe, expect, it } from "vitest";
import { fixture, readJson, runLib, SHELLS } from "./helpers";

type Pkg = {
  name: string;
  currentVersion: string;
  availableVersion?: string;
  needsUpdate: boolean;
  isSecurityUpdate?: boolean | null;
  keptBack?: boolean;
  description?: string;
};

// manager, distro, native arch, raw outputs (as the live collector captures them)
const CASES: Array<[string, string, string, string[]]> = [
  ["apt", "apt/debian-12", "amd64", ["dpkg-query.txt", "apt-get-upgrade.txt"]],
  ["apt", "apt/ubuntu-22.04", "amd64", ["dpkg-query.txt", "apt-get-upgrade.txt"]],
  ["dnf", "dnf/rhel-9", "x86_64", ["rpm-qa.txt", "check-update.txt", "updateinfo-list-security.txt"]],
  ["yum", "yum/centos-7", "x86_64", ["rpm-qa.txt", "check-update.txt", "updateinfo-list-security.txt"]],
  ["zypper", "zypper/leap-15.5", "x86_64", ["rpm-qa.txt", "list-updates.txt", "list-patches-security.txt"]],
  ["zypper", "zypper/sles-15", "x86_64", ["rpm-qa.txt", "list-updates.txt", "list-patches-security.txt"]],
  ["apk", "apk/alpine-3.18", "x86_64", ["apk-list-installed.txt", "apk-version.txt"]],
  ["apk", "apk/alpine-3.20", "x86_64", ["apk-list-installed.txt", "apk-list-upgradable.txt"]],
  ["pacman", "pacman/arch", "x86_64", ["pacman-Q.txt", "pacman-Qu.txt"]],
  ["pacman", "pacman/manjaro", "x86_64", ["pacman-Q.txt", "checkupdates.txt"]],
];

// DNF5 (Fedora 41+: `check-upgrade`, `advisory list --security`) and zypper without patch info.
const MORE_CASES: Array<[string, string, string, string[]]> = [
  ["dnf", "dnf/fedora-41", "x86_64", ["rpm-qa.txt", "check-upgrade.txt", "advisory-list-security.txt"]],
  ["dnf", "dnf/fedora-42", "x86_64", ["rpm-qa.txt", "check-upgrade.txt", "advisory-list-security.txt"]],
  ["zypper", "zypper/leap-15.6", "x86_64", ["rpm-qa.txt", "list-updates.txt", "list-patches-security.txt"]],
];

function packages(
  shell: (typeof SHELLS)[number],
  manager: string,
  dir: string,
  arch: string,
  files: string[],
): Pkg[] {
  const args = files.map((f) => `"${fixture(dir, f)}"`).join(" ");
  return JSON.parse(runLib(shell, `pm_packages ${manager} ${args}`, { env: { PATCHMON_NATIVE_ARCH: arch } }));
}

type Case = [string, string, string, string[]];
function caseAt(i: number): Case {
  const c = CASES[i];
  if (!c) throw new Error(`no case ${i}`);
  return c;
}

const byName = (list: Pkg[]) => new Map(list.map((p) => [p.name, p]));

describe.each(SHELLS)("collectors under $name", (shell) => {
  it.each([...CASES, ...MORE_CASES])("%s %s matches the expected JSON", (manager, dir, arch, files) => {
    expect(packages(shell, manager, dir, arch, files)).toEqual(readJson(fixture(dir, "expected.json")));
  });

  it("apt: -security origins, kept-back, held and phased packages, multi-arch, config-only", () => {
    const deb = byName(packages(shell, ...caseAt(0)));
    expect(deb.get("libssl3")).toMatchObject({
      needsUpdate: true,
      isSecurityUpdate: true,
      availableVersion: "3.0.13-1~deb12u1",
    });
    expect(deb.get("bash")).toMatchObject({ needsUpdate: true, isSecurityUpdate: false });
    expect(deb.get("libc6:i386")).toMatchObject({ needsUpdate: true, isSecurityUpdate: true });
    expect(deb.get("libc6")?.currentVersion).toBe("2.36-9+deb12u4");
    expect(deb.get("nginx")).toMatchObject({
      needsUpdate: true,
      keptBack: true,
      availableVersion: "1.22.1-9+deb12u1",
    });
    expect(deb.get("linux-image-amd64")).toMatchObject({
      needsUpdate: true,
      keptBack: true,
      isSecurityUpdate: true,
    });
    expect(deb.has("old-config-only")).toBe(false);
    expect(deb.has("linux-image-6.1.0-21-amd64")).toBe(false); // new install in dist-upgrade, not installed
    const ubu = byName(packages(shell, ...caseAt(1)));
    expect(ubu.get("openssh-server")).toMatchObject({
      isSecurityUpdate: true,
      availableVersion: "1:8.9p1-3ubuntu0.10",
    });
    expect(ubu.get("snapd")).toMatchObject({ needsUpdate: true, keptBack: true, isSecurityUpdate: true });
    expect(ubu.get("libgl1:i386")).toMatchObject({ needsUpdate: true, isSecurityUpdate: false });
    expect([...ubu.values()].filter((p) => p.needsUpdate)).toHaveLength(8);
  });

  it("dnf/yum: epochs, wrapped names, multi-arch, obsoletes, security from updateinfo", () => {
    const rhel = byName(packages(shell, ...caseAt(2)));
    expect(rhel.get("bind-libs")).toMatchObject({
      availableVersion: "32:9.16.23-14.el9_3.4",
      isSecurityUpdate: true,
    });
    expect(rhel.get("glibc.i686")).toMatchObject({ needsUpdate: true, isSecurityUpdate: true });
    expect(rhel.get("python3-dnf-plugin-subscription-manager-very-long-name")?.availableVersion).toBe(
      "1.29.38-1.el9_3.2",
    );
    expect(rhel.get("grub2-tools")?.needsUpdate).toBe(false); // only obsoleted, not upgraded
    expect(rhel.has("grub2-tools-efi")).toBe(false);
    expect(rhel.has("gpg-pubkey")).toBe(false);
    expect(rhel.get("tzdata")).toMatchObject({ needsUpdate: true, isSecurityUpdate: false });
    const centos = byName(packages(shell, ...caseAt(3)));
    expect(centos.get("openssl-libs.i686")).toMatchObject({
      isSecurityUpdate: true,
      availableVersion: "1:1.0.2k-26.el7_9",
    });
    expect(centos.get("NetworkManager")).toMatchObject({ needsUpdate: true, isSecurityUpdate: false });
  });

  it("dnf list --upgrades gives the same upgrades as check-update", () => {
    const a = runLib(shell, `parse_dnf_updates < "${fixture("dnf/rhel-9/check-update.txt")}"`, {
      env: { PATCHMON_NATIVE_ARCH: "x86_64" },
    });
    const b = runLib(shell, `parse_dnf_updates < "${fixture("dnf/rhel-9/list-upgrades.txt")}"`, {
      env: { PATCHMON_NATIVE_ARCH: "x86_64" },
    });
    expect(a.trim().split("\n")).toHaveLength(6);
    expect(b).toBe(a);
  });

  it("zypper: security from patch conflicts, 'not needed' patches ignored", () => {
    const leap = byName(packages(shell, ...caseAt(4)));
    expect(leap.get("libopenssl1_1")?.isSecurityUpdate).toBe(true);
    expect(leap.get("glibc")?.isSecurityUpdate).toBe(false);
    expect(leap.get("zypper")?.needsUpdate).toBe(false);
    const sles = byName(packages(shell, ...caseAt(5)));
    expect(sles.get("openssh")?.isSecurityUpdate).toBe(true);
    // No patch info: the summaries name curl and openssh; other upgrades (libcurl4 comes with the
    // curl patch) are unknown, never "not security".
    expect(sles.get("kernel-default")).toMatchObject({ needsUpdate: true, isSecurityUpdate: null });
    expect(sles.get("libcurl4")).toMatchObject({ needsUpdate: true, isSecurityUpdate: null });
  });

  it("apk and pacman never claim 'not security' for an update", () => {
    for (const c of CASES.slice(6)) {
      for (const p of packages(shell, ...c)) {
        if (p.needsUpdate) expect(p.isSecurityUpdate).toBeNull();
        else expect(p.isSecurityUpdate).toBeUndefined();
      }
    }
    const arch = byName(packages(shell, ...caseAt(8)));
    expect(arch.get("linux")).toMatchObject({ keptBack: true, availableVersion: "6.8.1.arch1-1" });
    expect(arch.get("openssl")?.availableVersion).toBe("1:3.2.1-2");
  });

  const REPOS: Array<[string, string]> = [
    ["parse_apt_list", "ubuntu-22.04-sources.list"],
    ["parse_deb822", "debian-12.sources"],
    ["parse_rpm_repo rpm", "rocky-9.repo"],
    ["parse_rpm_repo zypper", "opensuse-leap-15.5.repo"],
    ["parse_apk_repos", "alpine-3.20-repositories"],
    ["parse_pacman_conf", "pacman.conf"],
  ];
  it.each(REPOS)("repositories: %s %s", (fn, file) => {
    const out = JSON.parse(runLib(shell, `${fn} < "${fixture("repos", file)}" | repositories_json`));
    expect(out).toEqual(readJson(fixture("repos", `${file}.expected.json`)));
    for (const r of out) expect(r.isSecure).toBe(r.url.startsWith("https://"));
  });

  it("deb822: one repository per type x URI x suite, Enabled: no kept as disabled", () => {
    const out = JSON.parse(
      runLib(shell, `parse_deb822 < "${fixture("repos/debian-12.sources")}" | repositories_json`),
    );
    expect(out).toHaveLength(6);
    expect(out.filter((r: { repoType: string }) => r.repoType === "deb-src")).toHaveLength(2);
    expect(out.find((r: { distribution: string }) => r.distribution === "bookworm-pgdg").isEnabled).toBe(
      false,
    );
  });
});
