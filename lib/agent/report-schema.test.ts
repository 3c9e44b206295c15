import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packageManagerForOs } from "./package-manager";
import { agentReportSchema, reportIssues } from "./report-schema";

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(path.join(import.meta.dirname, "../../tests/integration/fixtures", name), "utf8"),
  ) as Record<string, unknown>;

const pkg = (overrides: Record<string, unknown> = {}) => ({
  name: "curl",
  currentVersion: "7.88.1",
  needsUpdate: false,
  ...overrides,
});

function issuesOf(input: unknown) {
  const result = agentReportSchema.safeParse(input);
  if (result.success) throw new Error("expected the report to be rejected");
  return reportIssues(result.error);
}

describe("agentReportSchema", () => {
  it("accepts the spec sample and normalises it", () => {
    const report = agentReportSchema.parse(fixture("spec-sample-report.json"));
    expect(report.packageManager).toBe("apt");
    expect(report.packages).toHaveLength(4);
    expect(report.packages[0]).toEqual({
      name: "openssl",
      currentVersion: "3.0.11-1~deb12u2",
      availableVersion: "3.0.15-1~deb12u1",
      needsUpdate: true,
      isSecurityUpdate: true,
      description: "Secure Sockets Layer toolkit",
      category: "utils",
    });
    expect(report.packages[2]).toMatchObject({
      name: "bash",
      availableVersion: null,
      isSecurityUpdate: null,
    });
    expect(report.repositories).toHaveLength(2);
    expect(report.networkInterfaces?.[0]?.addresses?.[0]?.netmask).toBe("255.255.255.0");
    expect(report.executionTime).toBe(2.35);
    expect(report.needsReboot).toBe(true);
  });

  it("accepts a PatchMon 1.4 Go agent report: cpuCores 0, Enforcing, unknown fields, empty gateway", () => {
    const report = agentReportSchema.parse(fixture("patchmon-go-1.4-report.json"));
    expect(report.packageManager).toBe("dnf");
    expect(report.selinuxStatus).toBe("enforcing");
    expect(report.cpuCores).toBe(0);
    expect(report.ramInstalled).toBe(0);
    expect(report.gatewayIp).toBeNull();
    expect(report.cpuModel).toBeNull();
    expect(report.dnsServers).toBeNull();
    expect(report.diskDetails).toEqual([
      { name: "/dev/mapper/rl-root", size: "37G", mountpoint: "/" },
      { name: "/dev/sda1", size: "960M", mountpoint: "/boot" },
    ]);
    expect(report.networkInterfaces?.[1]?.addresses).toHaveLength(2);
    expect(report.repositories?.[1]).toMatchObject({ repoType: "rpm", isEnabled: false, distribution: "" });
    expect(report).not.toHaveProperty("bootTime");
    expect(report).not.toHaveProperty("hashes");
  });

  it("is lenient with strings for numbers and booleans, null arrays and case", () => {
    const report = agentReportSchema.parse({
      packages: [pkg({ needsUpdate: "true", availableVersion: "7.88.2", isSecurityUpdate: "false" })],
      cpuCores: "4",
      ramInstalled: "7.5",
      swapSize: "",
      loadAverage: "0.5, 0.25, 0.1",
      needsReboot: "false",
      diskDetails: null,
      repositories: null,
      selinuxStatus: "PERMISSIVE",
      executionTime: "1.5",
      packageManager: "APK",
    });
    expect(report).toMatchObject({
      cpuCores: 4,
      ramInstalled: 7.5,
      swapSize: null,
      loadAverage: [0.5, 0.25, 0.1],
      needsReboot: false,
      diskDetails: null,
      selinuxStatus: "permissive",
      executionTime: 1.5,
      packageManager: "apk",
    });
    expect(report.packages[0]).toMatchObject({ needsUpdate: true, isSecurityUpdate: false });
    expect(report).not.toHaveProperty("repositories");
    expect(report).not.toHaveProperty("hostname");
  });

  it("collapses duplicate names (multi-arch), keeping the entry with a pending update", () => {
    const report = agentReportSchema.parse({
      packages: [
        pkg({ name: "libc6" }),
        pkg({ name: "libc6", availableVersion: "2", needsUpdate: true }),
        pkg({ name: "zlib" }),
      ],
    });
    expect(report.packages.map((p) => [p.name, p.needsUpdate])).toEqual([
      ["libc6", true],
      ["zlib", false],
    ]);
  });

  it("accepts an empty package list only with packagesUnchanged or collectionError", () => {
    expect(
      agentReportSchema.parse({ packages: [], packagesUnchanged: true, packagesHash: "abc" }),
    ).toMatchObject({ packagesUnchanged: true, packagesHash: "abc" });
    expect(agentReportSchema.parse({ packages: [], collectionError: "apt failed" }).collectionError).toBe(
      "apt failed",
    );
    expect(issuesOf({ packages: [] })).toEqual([{ path: "packages", message: expect.any(String) }]);
    expect(issuesOf({ packages: [], packagesUnchanged: true })[0]?.path).toBe("packagesHash");
  });

  it("strips NUL from free text but rejects it in keys", () => {
    const report = agentReportSchema.parse({
      packages: [pkg({ description: "a\u0000b" })],
      hostname: "we\u0000b",
      collectionError: undefined,
    });
    expect(report.packages[0]?.description).toBe("ab");
    expect(report.hostname).toBe("web");
    expect(issuesOf({ packages: [pkg({ name: "cu\u0000rl" })] })).toEqual([
      { path: "packages.0.name", message: expect.stringContaining("NUL") },
    ]);
  });

  it.each([
    ["no body", null, "body"],
    ["an array body", [], "body"],
    ["missing packages", { hostname: "x" }, "packages"],
    ["packages not an array", { packages: "curl" }, "packages"],
    ["missing name", { packages: [pkg({ name: undefined })] }, "packages.0.name"],
    ["empty name", { packages: [pkg(), pkg({ name: "  " })] }, "packages.1.name"],
    [
      "missing currentVersion",
      { packages: [pkg({ currentVersion: undefined })] },
      "packages.0.currentVersion",
    ],
    ["name of wrong type", { packages: [pkg({ name: 42 })] }, "packages.0.name"],
    ["needsUpdate not a boolean", { packages: [pkg({ needsUpdate: "maybe" })] }, "packages.0.needsUpdate"],
    [
      "a 513-character version",
      { packages: [pkg({ currentVersion: "1".repeat(513) })] },
      "packages.0.currentVersion",
    ],
    ["cpuCores not a number", { packages: [pkg()], cpuCores: "four" }, "cpuCores"],
  ])("rejects %s with a path and a message", (_label, input, expectedPath) => {
    const issues = issuesOf(input);
    expect(issues[0]).toEqual({ path: expectedPath, message: expect.any(String) });
    expect(issues[0]?.message.length).toBeGreaterThan(0);
  });

  it("drops repositories it cannot store instead of refusing the whole report", () => {
    const result = agentReportSchema.safeParse({
      packages: [pkg()],
      repositories: [
        { url: "http://x", repoType: "snap" },
        { repoType: "deb" },
        { url: "", repoType: "deb" },
        { name: "baseos", url: "https://mirror.example.com/baseos", repoType: "yum" },
      ],
    });
    expect(result.success).toBe(true);
    expect(result.data?.packages).toHaveLength(1);
    expect(result.data?.repositories).toEqual([
      expect.objectContaining({ url: "https://mirror.example.com/baseos", repoType: "rpm" }),
    ]);
  });

  it("rejects more than 10,000 packages", () => {
    const packages = Array.from({ length: 10_001 }, (_, i) => pkg({ name: `p${i}` }));
    expect(issuesOf({ packages })).toEqual([
      { path: "packages", message: expect.stringContaining("10,000") },
    ]);
    expect(agentReportSchema.safeParse({ packages: packages.slice(1) }).success).toBe(true);
  });

  it("lists at most 100 issues", () => {
    const packages = Array.from({ length: 500 }, () => ({ name: 1 }));
    const issues = issuesOf({ packages });
    expect(issues).toHaveLength(101);
    expect(issues[100]?.message).toMatch(/more issues/);
  });
});

describe("packageManagerForOs", () => {
  it.each([
    ["ubuntu", "apt"],
    ["Debian GNU/Linux", "apt"],
    ["raspbian", "apt"],
    ["linuxmint", "apt"],
    ["rhel", "dnf"],
    ["Rocky Linux", "dnf"],
    ["ol", "dnf"],
    ["amzn", "dnf"],
    ["opensuse-leap", "zypper"],
    ["sles", "zypper"],
    ["alpine", "apk"],
    ["manjaro", "pacman"],
    ["plan9", "unknown"],
    ["", "unknown"],
  ])("%s -> %s", (os, manager) => {
    expect(packageManagerForOs(os)).toBe(manager);
  });
});
