import { describe, expect, it } from "vitest";
import { checkPassword, describePasswordPolicy } from "./password-policy";

const policy = {
  minLength: 8,
  requireUppercase: true,
  requireLowercase: true,
  requireNumber: true,
  requireSpecial: true,
  rateLimitWindowMs: 900_000,
  rateLimitMax: 5,
};

describe("password policy", () => {
  it("accepts a password meeting every rule", () => {
    expect(checkPassword("Correct-Horse-9", policy)).toEqual([]);
    expect(checkPassword("Ünïcødé-Pässw0rd", policy)).toEqual([]);
  });

  it("names each broken rule", () => {
    expect(checkPassword("short", policy)).toEqual([
      "must be at least 8 characters",
      "must contain an uppercase letter",
      "must contain a number",
      "must contain a special character",
    ]);
  });

  it("honours switched-off rules", () => {
    const relaxed = { ...policy, requireSpecial: false, requireUppercase: false, requireNumber: false };
    expect(checkPassword("alllowercase", relaxed)).toEqual([]);
    expect(describePasswordPolicy(relaxed)).toEqual(["at least 8 characters", "a lowercase letter"]);
  });
});
