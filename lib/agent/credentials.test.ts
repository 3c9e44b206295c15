import { describe, expect, it } from "vitest";
import {
  API_ID_PATTERN,
  API_KEY_PATTERN,
  generateAgentCredentials,
  generateEnrolmentKey,
  hashSecret,
  verifySecret,
} from "./credentials";

describe("agent credentials", () => {
  it("generates ids and keys in the protocol's format, different every time", () => {
    const a = generateAgentCredentials();
    const b = generateAgentCredentials();
    expect(a.apiId).toMatch(API_ID_PATTERN);
    expect(a.apiKey).toMatch(API_KEY_PATTERN);
    expect(a.apiKeyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.apiKeyHash).not.toBe(a.apiKey);
    expect(a.apiId).not.toBe(b.apiId);
    expect(a.apiKey).not.toBe(b.apiKey);
    expect(generateEnrolmentKey()).toMatch(/^patchmon_ae_[0-9a-f]{32}$/);
  });

  it("verifies a key against its hash only", () => {
    const { apiKey, apiKeyHash } = generateAgentCredentials();
    expect(verifySecret(apiKey, apiKeyHash)).toBe(true);
    expect(
      verifySecret(
        apiKey.replace(/.$/, (c) => (c === "0" ? "1" : "0")),
        apiKeyHash,
      ),
    ).toBe(false);
    expect(verifySecret("", apiKeyHash)).toBe(false);
    expect(verifySecret(apiKey, "not-hex")).toBe(false);
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
