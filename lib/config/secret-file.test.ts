import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrCreateSecret } from "./secret-file";

describe("loadOrCreateSecret", () => {
  it("creates a private 128-hex secret once and returns the same one afterwards", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-secret-"));
    const file = path.join(dir, "nested", "session-secret");
    const first = loadOrCreateSecret(file);
    expect(first).toMatch(/^[0-9a-f]{128}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret(file)).toBe(first);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["session-secret"]);
  });

  it("refuses a truncated secret instead of signing sessions with it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-secret-"));
    const file = path.join(dir, "session-secret");
    fs.writeFileSync(file, "short\n");
    expect(() => loadOrCreateSecret(file)).toThrow(/shorter than 32 characters/);
  });
});

describe("loadOrCreateSecret across processes", () => {
  it("gives processes starting together one and the same complete secret", async () => {
    const { spawn } = await import("node:child_process");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-secret-race-"));
    const file = path.join(dir, "session-secret");
    const module = path.resolve(import.meta.dirname, "secret-file.ts");
    const tsx = path.resolve(import.meta.dirname, "../../node_modules/tsx/dist/loader.mjs");
    const script = `import(${JSON.stringify(module)}).then((m) => process.stdout.write(m.loadOrCreateSecret(${JSON.stringify(file)})))`;
    const secrets = await Promise.all(
      Array.from({ length: 6 }, () => {
        const child = spawn(process.execPath, ["--import", tsx, "--input-type=module", "-e", script]);
        let out = "";
        child.stdout.on("data", (chunk) => {
          out += chunk;
        });
        return new Promise<string>((resolve) => child.on("close", () => resolve(out)));
      }),
    );
    expect(secrets[0]).toMatch(/^[0-9a-f]{128}$/);
    expect(new Set(secrets).size).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(["session-secret"]);
  }, 60_000);
});
