import { describe, expect, it } from "vitest";
import { maskSecret, maskUrlPassword, parseBoolean, parseDuration, parseInteger, parseSize } from "./parsers";

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["15m", 900_000],
    ["2h", 7_200_000],
    ["7d", 604_800_000],
    ["1H", 3_600_000],
    ["45", 45_000],
    ["500ms", 500],
  ])("%s -> %d ms", (raw, expected) => expect(parseDuration(raw)).toBe(expected));

  it.each(["soon", "", "1.5h", "-1h", "0s", "10 minutes", "h", "99999999999d"])("rejects %j", (raw) => {
    expect(parseDuration(raw)).toBeNull();
  });
});

describe("parseSize", () => {
  it.each([
    ["2mb", 2 * 1024 * 1024],
    ["5MB", 5 * 1024 * 1024],
    ["512kb", 512 * 1024],
    ["1.5mb", Math.floor(1.5 * 1024 * 1024)],
    ["100", 100],
  ])("%s -> %d bytes", (raw, expected) => expect(parseSize(raw)).toBe(expected));

  it.each(["big", "2tb", "", "-1mb", "0mb"])("rejects %j", (raw) => expect(parseSize(raw)).toBeNull());
});

describe("parseBoolean and parseInteger", () => {
  it("reads the usual spellings", () => {
    expect(parseBoolean("TRUE")).toBe(true);
    expect(parseBoolean("0")).toBe(false);
    expect(parseBoolean("maybe")).toBeNull();
  });

  it("keeps integers in range", () => {
    expect(parseInteger("42", 1)).toBe(42);
    expect(parseInteger("0", 1)).toBeNull();
    expect(parseInteger("abc", 0)).toBeNull();
    expect(parseInteger("4.2", 0)).toBeNull();
    expect(parseInteger("70000", 1, 65535)).toBeNull();
    expect(parseInteger("99999999999999999999", 0)).toBeNull();
  });
});

describe("masking", () => {
  it("never shows a whole secret", () => {
    const secret = "supersecretvalue123";
    expect(maskSecret(secret)).not.toContain(secret);
    expect(maskSecret(secret)).not.toContain("secretvalue");
    expect(maskSecret("abc")).toBe("****");
  });

  it("hides URL passwords", () => {
    expect(maskUrlPassword("postgres://user:hunter2@db:5432/x")).toBe("postgres://user:****@db:5432/x");
    expect(maskUrlPassword("not a url user:hunter2@host")).not.toContain("hunter2");
  });
});
