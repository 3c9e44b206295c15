import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  compareVersions,
  loadScript,
  parseAgentVersion,
  renderInstaller,
  UnsafeScriptValueError,
} from "./install-script";

const token = "a".repeat(64);
const template =
  'URL="__PATCHMON_URL__"\nFLAGS="__CURL_FLAGS__"\nTOKEN=\'__BOOTSTRAP_TOKEN__\'\nFORCE=__FORCE_INSTALL__\nARCH="__ARCHITECTURE__"\nURL2=__PATCHMON_URL__\n';

describe("installer rendering", () => {
  it("fills every placeholder, every time it occurs", () => {
    const out = renderInstaller(template, {
      serverUrl: "https://patchmon.example.com:8443",
      curlFlags: "-sk",
      bootstrapToken: token,
      force: true,
      architecture: "arm64",
    });
    expect(out).toBe(
      `URL="https://patchmon.example.com:8443"\nFLAGS="-sk"\nTOKEN='${token}'\nFORCE=true\nARCH="arm64"\nURL2=https://patchmon.example.com:8443\n`,
    );
    expect(out).not.toMatch(/__[A-Z_]+__/);
  });

  it("refuses values that could break out of shell quoting", () => {
    const base = { serverUrl: "http://h", curlFlags: "-s" as const, bootstrapToken: token, force: false };
    for (const serverUrl of [
      'http://h"; rm -rf /; "',
      "http://h/$(id)",
      "http://h`id`",
      "ftp://h",
      "http://h/a b",
      "http://h/a\\b",
      "http://h/?x=1&y=2",
    ]) {
      expect(() => renderInstaller(template, { ...base, serverUrl, architecture: "" })).toThrow(
        UnsafeScriptValueError,
      );
    }
    expect(() => renderInstaller(template, { ...base, architecture: "x86_64;id" })).toThrow();
    expect(() => renderInstaller(template, { ...base, bootstrapToken: "'", architecture: "" })).toThrow();
    expect(
      renderInstaller(template, { ...base, serverUrl: "http://[::1]:3000", architecture: "" }),
    ).toContain("http://[::1]:3000");
    for (const serverUrl of [
      "http://my_host.lan:3000",
      "https://example.com/patchmon",
      "https://example.com/pm/",
    ]) {
      expect(renderInstaller(template, { ...base, serverUrl, architecture: "" })).toContain(serverUrl);
    }
  });
});

describe("agent versions", () => {
  it("reads AGENT_VERSION and compares numerically", () => {
    expect(parseAgentVersion('#!/bin/sh\nAGENT_VERSION="1.4.2"\n')).toBe("1.4.2");
    expect(parseAgentVersion("readonly AGENT_VERSION='2.0.0'")).toBe("2.0.0");
    expect(parseAgentVersion("echo hi")).toBeNull();
    expect(compareVersions("1.10.0", "1.9.2")).toBe(1);
    expect(compareVersions("v1.2.0", "1.2")).toBe(0);
    expect(compareVersions("1.2.7", "1.2.8")).toBe(-1);
  });
});

describe("loading scripts", () => {
  afterEach(() => vi.restoreAllMocks());

  it("serves a changed file at once, or after maxAgeMs to a caller that allows that", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "patchmon-scripts-"));
    try {
      mkdirSync(path.join(dir, "agent-scripts"));
      vi.spyOn(process, "cwd").mockReturnValue(dir);
      const file = path.join(dir, "agent-scripts", "probe.sh");
      const write = (version: string, mtime: number) => {
        writeFileSync(file, `AGENT_VERSION="${version}"\n`);
        utimesSync(file, mtime, mtime);
      };
      write("1.0.0", 1_000);
      expect((await loadScript("probe.sh", { maxAgeMs: 60_000 }))?.version).toBe("1.0.0");
      write("1.0.1", 2_000);
      expect((await loadScript("probe.sh", { maxAgeMs: 60_000 }))?.version).toBe("1.0.0");
      expect((await loadScript("probe.sh"))?.version).toBe("1.0.1");
      vi.spyOn(Date, "now").mockReturnValue(Date.now() + 61_000);
      write("1.0.2", 3_000);
      expect((await loadScript("probe.sh", { maxAgeMs: 60_000 }))?.version).toBe("1.0.2");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
