import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  HSTS_VALUE,
  newNonce,
  STATIC_SECURITY_HEADERS,
  securityHeaders,
} from "./security-headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split("; ").map((part) => {
      const [name, ...values] = part.split(" ");
      return [name as string, values];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  const base = { nonce: "abc123==", development: false, https: false };

  it("allows scripts only with the nonce and keeps everything else to this origin", () => {
    const csp = directives(contentSecurityPolicy(base));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    expect(contentSecurityPolicy(base)).not.toContain("unsafe-eval");
  });

  it("adds unsafe-eval only in development and the upgrade only over https", () => {
    expect(directives(contentSecurityPolicy({ ...base, development: true })).get("script-src")).toContain(
      "'unsafe-eval'",
    );
    expect(directives(contentSecurityPolicy({ ...base, https: true })).has("upgrade-insecure-requests")).toBe(
      true,
    );
  });

  it("lets sign-in forms continue to the OIDC issuer's origin", () => {
    const csp = contentSecurityPolicy({ ...base, oidcIssuer: "https://id.example.com:8443/realms/ops" });
    expect(directives(csp).get("form-action")).toEqual(["'self'", "https://id.example.com:8443"]);
    expect(
      directives(contentSecurityPolicy({ ...base, oidcIssuer: "not a url" })).get("form-action"),
    ).toEqual(["'self'"]);
  });
});

describe("securityHeaders", () => {
  const settings = { development: false, protocol: "http" as const, enableHsts: true };

  it("sets the fixed headers and a CSP carrying the nonce", () => {
    const headers = securityHeaders(settings, "n0nce");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    expect(headers["Permissions-Policy"]).toContain("microphone=()");
    expect(headers["Permissions-Policy"]).toContain("geolocation=()");
    expect(headers["Cross-Origin-Opener-Policy"]).toBe("same-origin");
    expect(headers["Content-Security-Policy"]).toContain("'nonce-n0nce'");
    for (const { key, value } of STATIC_SECURITY_HEADERS) expect(headers[key]).toBe(value);
  });

  it("sends HSTS only over https with ENABLE_HSTS", () => {
    expect(securityHeaders(settings, "n")["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ ...settings, protocol: "https" }, "n")["Strict-Transport-Security"]).toBe(
      HSTS_VALUE,
    );
    expect(
      securityHeaders({ ...settings, protocol: "https", enableHsts: false }, "n")[
        "Strict-Transport-Security"
      ],
    ).toBeUndefined();
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, different each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});
