import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./schemas";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackUrl("/hosts?status=stale#top")).toBe("/hosts?status=stale#top");
    expect(safeCallbackUrl("/profile")).toBe("/profile");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/ /evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "",
    null,
    undefined,
    "/login?callbackUrl=/x",
    "/api/auth/signout",
  ])("refuses %j", (value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });

  it("keeps encoded characters encoded, so they stay a path on this site", () => {
    const result = safeCallbackUrl("/%09/evil.example");
    expect(result).toBe("/%09/evil.example");
    expect(new URL(result, "https://patchmon.example").origin).toBe("https://patchmon.example");
  });
});
