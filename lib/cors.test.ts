import { describe, expect, it } from "vitest";
import {
  allowedOrigins,
  corsHeaders,
  isAllowedOrigin,
  isCrossSiteCookieWrite,
  isPreflight,
  preflightHeaders,
} from "./cors";

const allowed = allowedOrigins({
  corsOrigin: "https://patchmon.example.com/",
  corsOrigins: ["http://localhost:3000", "https://ops.example.com:8443/dashboard", "not a url"],
});

describe("allowedOrigins", () => {
  it("keeps scheme, host and port of each configured URL", () => {
    expect([...allowed].sort()).toEqual([
      "http://localhost:3000",
      "https://ops.example.com:8443",
      "https://patchmon.example.com",
    ]);
    expect(allowedOrigins({}).size).toBe(0);
  });
});

describe("isAllowedOrigin", () => {
  it("matches exact origins only", () => {
    expect(isAllowedOrigin("https://patchmon.example.com", allowed)).toBe(true);
    expect(isAllowedOrigin("https://patchmon.example.com:443", allowed)).toBe(true);
    expect(isAllowedOrigin("https://ops.example.com:8443", allowed)).toBe(true);
    expect(isAllowedOrigin("https://ops.example.com", allowed)).toBe(false);
    expect(isAllowedOrigin("http://patchmon.example.com", allowed)).toBe(false);
    expect(isAllowedOrigin("https://evil.patchmon.example.com", allowed)).toBe(false);
    expect(isAllowedOrigin("https://patchmon.example.com.evil.net", allowed)).toBe(false);
    expect(isAllowedOrigin("null", allowed)).toBe(false);
    expect(isAllowedOrigin(null, allowed)).toBe(false);
  });
});

describe("corsHeaders", () => {
  it("echoes an allowed origin with credentials", () => {
    expect(corsHeaders("http://localhost:3000", allowed)).toEqual({
      Vary: "Origin",
      "Access-Control-Allow-Origin": "http://localhost:3000",
      "Access-Control-Allow-Credentials": "true",
      "Access-Control-Expose-Headers": "Retry-After, Content-Disposition",
    });
  });

  it("gives an unknown origin nothing but Vary", () => {
    expect(corsHeaders("https://evil.example.net", allowed)).toEqual({ Vary: "Origin" });
    expect(preflightHeaders("https://evil.example.net", allowed)).toEqual({ Vary: "Origin" });
  });

  it("answers a preflight with methods, headers and max age", () => {
    const headers = preflightHeaders("https://patchmon.example.com", allowed);
    expect(headers["Access-Control-Allow-Origin"]).toBe("https://patchmon.example.com");
    expect(headers["Access-Control-Allow-Methods"]).toContain("DELETE");
    expect(headers["Access-Control-Allow-Headers"]).toContain("Content-Type");
    expect(Number(headers["Access-Control-Max-Age"])).toBeGreaterThan(0);
  });
});

describe("isPreflight", () => {
  it("needs OPTIONS, Origin and Access-Control-Request-Method", () => {
    const h = (init: Record<string, string>) => new Headers(init);
    const full = { origin: "http://localhost:3000", "access-control-request-method": "POST" };
    expect(isPreflight({ method: "OPTIONS", headers: h(full) })).toBe(true);
    expect(isPreflight({ method: "GET", headers: h(full) })).toBe(false);
    expect(isPreflight({ method: "OPTIONS", headers: h({ origin: "http://localhost:3000" }) })).toBe(false);
  });
});

describe("cross-site cookie writes", () => {
  const allowed = new Set(["https://dashboard.example"]);
  const req = (method: string, headers: Record<string, string>) => ({
    method,
    headers: new Headers(headers),
  });
  const cookie = "authjs.session-token=abc";

  it("refuses a write with the session cookie from a foreign origin", () => {
    expect(
      isCrossSiteCookieWrite(
        req("POST", { cookie, origin: "https://wiki.example", host: "patchmon.example" }),
        allowed,
      ),
    ).toBe(true);
    expect(
      isCrossSiteCookieWrite(
        req("DELETE", { cookie: `__Secure-${cookie}`, origin: "null", host: "patchmon.example" }),
        allowed,
      ),
    ).toBe(true);
  });

  it("lets through same-origin, allowed-origin, cookie-less, Origin-less and read requests", () => {
    expect(
      isCrossSiteCookieWrite(
        req("POST", { cookie, origin: "https://patchmon.example", host: "patchmon.example" }),
        allowed,
      ),
    ).toBe(false);
    expect(
      isCrossSiteCookieWrite(
        req("POST", {
          cookie,
          origin: "https://patchmon.example",
          host: "internal:3000",
          "x-forwarded-host": "patchmon.example",
        }),
        allowed,
      ),
    ).toBe(false);
    expect(
      isCrossSiteCookieWrite(
        req("POST", { cookie, origin: "https://dashboard.example", host: "patchmon.example" }),
        allowed,
      ),
    ).toBe(false);
    expect(
      isCrossSiteCookieWrite(
        req("POST", { origin: "https://wiki.example", host: "patchmon.example" }),
        allowed,
      ),
    ).toBe(false);
    expect(isCrossSiteCookieWrite(req("POST", { cookie, host: "patchmon.example" }), allowed)).toBe(false);
    expect(
      isCrossSiteCookieWrite(
        req("GET", { cookie, origin: "https://wiki.example", host: "patchmon.example" }),
        allowed,
      ),
    ).toBe(false);
  });
});
