import { describe, expect, it } from "vitest";
import { describeWait, rateLimitKey } from "./rate-limit";

describe("rateLimitKey", () => {
  it("keys by address, user and hashed login name", () => {
    expect(rateLimitKey({ ip: "203.0.113.9" })).toBe("ip:203.0.113.9");
    expect(rateLimitKey({ ip: "::ffff:203.0.113.9" })).toBe("ip:203.0.113.9");
    expect(rateLimitKey({ ip: "203.0.113.9", userId: "u1" })).toBe("ip:203.0.113.9|user:u1");
    expect(rateLimitKey({ userId: "u1" })).toBe("user:u1");
    const login = rateLimitKey({ login: "Alice@Example.com " });
    expect(login).toMatch(/^login:[0-9a-f]{32}$/);
    expect(login).not.toContain("alice");
    expect(rateLimitKey({ login: "alice@example.com" })).toBe(login);
    expect(rateLimitKey({ login: "bob" })).not.toBe(login);
  });

  it("counts unknown clients together and IPv6 clients by their /64", () => {
    expect(rateLimitKey({ ip: null })).toBe("ip:unknown");
    expect(rateLimitKey({ ip: "garbage" })).toBe("ip:unknown");
    expect(rateLimitKey({ ip: "2001:db8:1:2:aaaa::1" })).toBe("ip:2001:db8:1:2::/64");
    expect(rateLimitKey({ ip: "2001:db8:1:2:bbbb::7" })).toBe(rateLimitKey({ ip: "2001:db8:1:2::9" }));
    expect(rateLimitKey({ ip: "2001:db8:1:3::1" })).not.toBe(rateLimitKey({ ip: "2001:db8:1:2::1" }));
  });

  it("refuses to build an empty key", () => {
    expect(() => rateLimitKey({})).toThrow();
    expect(() => rateLimitKey({ login: "  " })).toThrow();
  });
});

describe("describeWait", () => {
  it("rounds up to seconds, minutes or hours", () => {
    expect(describeWait(0.2)).toBe("1 second");
    expect(describeWait(45)).toBe("45 seconds");
    expect(describeWait(60)).toBe("1 minute");
    expect(describeWait(61)).toBe("2 minutes");
    expect(describeWait(226)).toBe("4 minutes");
    expect(describeWait(7199)).toBe("120 minutes");
    expect(describeWait(7200)).toBe("2 hours");
  });
});
