import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, deriveKey, encryptSecret } from "./crypto";
import { resetEnvCache } from "./env";

const saved = { ...process.env };

function useEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}

describe("secret encryption", () => {
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });

  it("round-trips text in the versioned format with a fresh IV each time", () => {
    useEnv({ AI_ENCRYPTION_KEY: "a".repeat(64) });
    const first = encryptSecret("smtp password ü");
    const second = encryptSecret("smtp password ü");
    expect(first).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(decryptSecret(first)).toBe("smtp password ü");
    expect(decryptSecret(encryptSecret(""))).toBe("");
  });

  it("rejects tampered, malformed and foreign values", () => {
    useEnv({ AI_ENCRYPTION_KEY: "b".repeat(64) });
    const enc = encryptSecret("token");
    const [v, iv, tag, ct] = enc.split(":") as [string, string, string, string];
    const flipped = Buffer.from(ct, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join(":"))).toThrow();
    expect(() => decryptSecret("v2:a:b:c")).toThrow(/unsupported/);
    expect(() => decryptSecret("plain")).toThrow(/unsupported/);
    useEnv({ AI_ENCRYPTION_KEY: "c".repeat(64) });
    expect(() => decryptSecret(enc)).toThrow();
  });

  it("uses AI_ENCRYPTION_KEY, else SESSION_SECRET, else the session signing secret", () => {
    useEnv({ AI_ENCRYPTION_KEY: undefined, SESSION_SECRET: "s".repeat(40), JWT_SECRET: "j".repeat(48) });
    const withSession = encryptSecret("x");
    useEnv({ AI_ENCRYPTION_KEY: undefined, SESSION_SECRET: undefined, JWT_SECRET: "s".repeat(40) });
    // Same material, same derived key: the chain falls through to the signing secret.
    expect(decryptSecret(withSession)).toBe("x");
    useEnv({ AI_ENCRYPTION_KEY: "k".repeat(40), SESSION_SECRET: "s".repeat(40) });
    expect(() => decryptSecret(withSession)).toThrow();
  });

  it("takes 64 hex characters as the key and derives one from anything else", () => {
    expect(deriveKey("0".repeat(64))).toEqual(Buffer.alloc(32));
    expect(deriveKey("passphrase")).toHaveLength(32);
    expect(deriveKey("passphrase")).toEqual(deriveKey("passphrase"));
    expect(deriveKey("passphrase")).not.toEqual(deriveKey("passphrasf"));
  });
});
