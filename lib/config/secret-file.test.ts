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
