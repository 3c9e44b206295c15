// CORS of the REST API through proxy.ts with real requests: preflights, actual requests, refusals.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { resetRateLimiters } from "@/lib/rate-limit";
import { callProxy, passedThrough, setTestEnv } from "../support/proxy";

const ALLOWED = "https://console.example.com";
const preflight = (origin: string) => ({
  method: "OPTIONS",
  headers: {
    origin,
    "access-control-request-method": "DELETE",
    "access-control-request-headers": "content-type",
  },
});

describe("CORS for /api/v1", () => {
  beforeEach(async () => {
    await resetRateLimiters();
    setTestEnv({
      CORS_ORIGIN: "http://localhost:3000",
      CORS_ORIGINS: `${ALLOWED}, https://other.example.com`,
      RATE_LIMIT_MAX: "2",
      REDIS_URL: undefined,
    });
  });
  afterAll(async () => {
    await resetRateLimiters();
    setTestEnv({ CORS_ORIGIN: undefined, CORS_ORIGINS: undefined, RATE_LIMIT_MAX: undefined });
  });

  it("answers a preflight from an allowed origin with 204 and the allowed methods and headers", async () => {
    const response = await callProxy("/api/v1/hosts/123", preflight(ALLOWED));
    expect(response.status).toBe(204);
    expect(passedThrough(response)).toBe(false);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-allow-methods")).toContain("DELETE");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
    expect(Number(response.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    expect(response.headers.get("vary")).toContain("Origin");
    const fromCorsOrigin = await callProxy("/api/v1/hosts", preflight("http://localhost:3000"));
    expect(fromCorsOrigin.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
  });

  it("gives unknown origins no CORS headers", async () => {
    const response = await callProxy("/api/v1/hosts", preflight("https://evil.example.net"));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-methods")).toBeNull();
    const actual = await callProxy("/api/v1/hosts", { headers: { origin: "https://evil.example.net" } });
    expect(actual.headers.get("access-control-allow-origin")).toBeNull();
    expect(actual.headers.get("vary")).toBe("Origin");
  });

  it("adds the headers to actual API requests and to their 429s, not to pages", async () => {
    const call = { ip: "203.0.113.77", headers: { origin: ALLOWED } };
    const ok = await callProxy("/api/v1/hosts", call);
    expect(passedThrough(ok)).toBe(true);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    await callProxy("/api/v1/hosts", call);
    const limited = await callProxy("/api/v1/hosts", call);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(limited.headers.get("access-control-expose-headers")).toContain("Retry-After");
    const page = await callProxy("/", { headers: { origin: ALLOWED } });
    expect(page.headers.get("access-control-allow-origin")).toBeNull();
  });
});
