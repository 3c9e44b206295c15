// Security headers on real responses of proxy.ts, and the nonce handed to the page renderer.
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import * as updateRoute from "@/app/api/v1/hosts/update/route";
import { resetRateLimiters } from "@/lib/rate-limit";
import { config } from "@/proxy";
import { callProxy, passedThrough, setTestEnv } from "../support/proxy";

const DEFAULTS = {
  SERVER_PROTOCOL: undefined,
  ENABLE_HSTS: undefined,
  OIDC_ENABLED: undefined,
  OIDC_ISSUER_URL: undefined,
  OIDC_CLIENT_ID: undefined,
  OIDC_CLIENT_SECRET: undefined,
  REDIS_URL: undefined,
};

function nonceOf(csp: string | null): string | undefined {
  return csp?.match(/'nonce-([^']+)'/)?.[1];
}

describe("security headers", () => {
  beforeEach(async () => {
    await resetRateLimiters();
    setTestEnv(DEFAULTS);
  });
  afterAll(async () => {
    await resetRateLimiters();
    setTestEnv(DEFAULTS);
  });

  it("puts every header on pages, the API, agent endpoints and /health", async () => {
    for (const path of [
      "/",
      "/login",
      "/api/v1/hosts",
      "/api/v1/hosts/ping",
      "/health",
      "/api/auth/session",
    ]) {
      const response = await callProxy(path, { ip: "203.0.113.50" });
      expect(passedThrough(response), path).toBe(true);
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy"), path).toMatch(
        /camera=\(\).*microphone=\(\).*geolocation=\(\)/,
      );
      expect(response.headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
      expect(response.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("runs for pages, every API and /health, not for build output", () => {
    const runs = (url: string) => unstable_doesMiddlewareMatch({ config, url });
    for (const url of [
      "/",
      "/login",
      "/api/auth/callback/ticket",
      "/api/v1/hosts/ping",
      "/api/v1/users",
      "/health",
    ]) {
      expect(runs(url), url).toBe(true);
    }
    expect(runs("/_next/static/chunks/main.js")).toBe(false);
    // The report adds the headers itself (lib/api/unproxied-route.ts); only that exact path.
    expect(runs("/api/v1/hosts/update")).toBe(false);
    expect(runs("/api/v1/hosts/updates")).toBe(true);
  });

  it("puts every header on the agent report's answers, which the proxy does not see", async () => {
    const post = (headers: Record<string, string>, body: string) =>
      updateRoute.POST(
        new Request("http://localhost:3000/api/v1/hosts/update", {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body,
        }),
      );
    const missing = await post({}, "{}");
    const wrongKey = await post(
      { "x-api-id": "patchmon_0000000000000000", "x-api-key": "a".repeat(64) },
      "{}",
    );
    const get = await updateRoute.GET(new Request("http://localhost:3000/api/v1/hosts/update"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    for (const response of [missing, wrongKey, get]) {
      expect([401, 405]).toContain(response.status);
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("cache-control")).toContain("no-store");
    }
  });

  it("hands each request a fresh nonce, in the CSP and to the renderer, replacing the client's", async () => {
    const first = await callProxy("/", {
      headers: { "x-nonce": "attacker", "content-security-policy": "script-src *" },
    });
    const second = await callProxy("/");
    const nonce = nonceOf(first.headers.get("content-security-policy"));
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);
    // NextResponse.next({ request: { headers } }) forwards request headers as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(
      first.headers.get("content-security-policy"),
    );
  });

  it("sends HSTS only when serving https with ENABLE_HSTS", async () => {
    setTestEnv({ SERVER_PROTOCOL: "https" });
    const https = await callProxy("/");
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(https.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    setTestEnv({ SERVER_PROTOCOL: "https", ENABLE_HSTS: "false" });
    expect((await callProxy("/")).headers.get("strict-transport-security")).toBeNull();
    setTestEnv({ SERVER_PROTOCOL: "http", ENABLE_HSTS: "true" });
    expect((await callProxy("/")).headers.get("strict-transport-security")).toBeNull();
  });

  it("lets sign-in forms go on to the OIDC issuer when OIDC is on", async () => {
    setTestEnv({
      OIDC_ENABLED: "true",
      OIDC_ISSUER_URL: "https://sso.example.com/realms/ops",
      OIDC_CLIENT_ID: "patchmon",
      OIDC_CLIENT_SECRET: "s3cret-value",
    });
    const csp = (await callProxy("/login")).headers.get("content-security-policy");
    expect(csp).toContain("form-action 'self' https://sso.example.com;");
    setTestEnv(DEFAULTS);
    expect((await callProxy("/login")).headers.get("content-security-policy")).toContain(
      "form-action 'self';",
    );
  });
});
