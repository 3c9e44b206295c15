import { describe, expect, it } from "vitest";
import { knownVariables, parseEnv } from "./env";

const prod = { DATABASE_URL: "postgresql://patchmon:pw@db:5432/patchmon", JWT_SECRET: "x".repeat(64) };

function problems(source: Record<string, string>): string[] {
  const result = parseEnv(source);
  return result.ok ? [] : result.problems;
}

describe("parseEnv", () => {
  it("applies the documented defaults in zero-config mode", () => {
    const result = parseEnv({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { env } = result;
    expect(env.zeroConfig).toBe(true);
    expect(env.database.connMaxAttempts).toBe(30);
    expect(env.database.connWaitIntervalSeconds).toBe(2);
    expect(env.database.connectionLimit).toBe(30);
    expect(env.auth.jwtExpiresInMs).toBe(3_600_000);
    expect(env.auth.jwtRefreshExpiresInMs).toBe(7 * 86_400_000);
    expect(env.password).toMatchObject({ minLength: 8, requireSpecial: true });
    expect(env.lockout).toEqual({ maxLoginAttempts: 5, durationMinutes: 15 });
    expect(env.tfa.rememberMeExpiresInMs).toBe(30 * 86_400_000);
    expect(env.rateLimit).toEqual({
      windowMs: 900_000,
      max: 5000,
      authWindowMs: 600_000,
      authMax: 500,
      agentWindowMs: 60_000,
      agentMax: 1000,
    });
    expect(env.bodyLimits).toEqual({ jsonBytes: 5 * 1024 * 1024, agentUpdateBytes: 2 * 1024 * 1024 });
    expect(env.redis.enabled).toBe(false);
    expect(env.oidc.scopes).toBe("openid email profile groups");
    expect(env.oidc.buttonText).toBe("Login with SSO");
    expect(env.auth.defaultUserRole).toBe("user");
    expect(env.serverUrl).toBe("http://localhost:3000");
    expect(env.dataDir.endsWith("/data")).toBe(true);
  });

  it("names RATE_LIMIT_MAX, the value and the expectation", () => {
    expect(problems({ RATE_LIMIT_MAX: "abc" })).toEqual([
      'RATE_LIMIT_MAX: got "abc", expected a whole number >= 1',
    ]);
  });

  it("rejects a malformed DATABASE_URL without printing its password", () => {
    const [line] = problems({ DATABASE_URL: "mysql://root:hunter2@db/x", JWT_SECRET: "x".repeat(40) });
    expect(line).toContain("DATABASE_URL");
    expect(line).toContain("postgres://");
    expect(line).not.toContain("hunter2");
  });

  it("rejects JWT_EXPIRES_IN=soon", () => {
    expect(problems({ JWT_EXPIRES_IN: "soon" })[0]).toMatch(
      /^JWT_EXPIRES_IN: got "soon", expected a duration/,
    );
  });

  it("masks credentials in any URL it rejects, even without a scheme", () => {
    const [db] = problems({ DATABASE_URL: "patchmon:hunter2@db:5432/patchmon", JWT_SECRET: "x".repeat(40) });
    expect(db).toMatch(/^DATABASE_URL: got "patchmon:\*\*\*\*@db:5432\/patchmon"/);
    const lines = problems({
      REDIS_URL: "redis//:redispw@cache",
      OIDC_ISSUER_URL: "ftp://id:oidcpw@idp",
      CORS_ORIGINS: "https://ok.example.com,nope:corspw@x",
    });
    expect(lines).toHaveLength(3);
    for (const secret of ["redispw", "oidcpw", "corspw"]) expect(lines.join("\n")).not.toContain(secret);
  });

  it("rejects a SERVER_HOST that is not a bare host name", () => {
    expect(problems({ SERVER_HOST: "https://patchmon.example.com" })[0]).toMatch(/^SERVER_HOST: got "https:/);
    expect(problems({ SERVER_HOST: "evil$(reboot)" })[0]).toMatch(/^SERVER_HOST:/);
    expect(parseEnv({ SERVER_HOST: "my_host.lan" }).ok).toBe(true);
    expect(parseEnv({ SERVER_HOST: "[2001:db8::1]" }).ok).toBe(true);
  });

  it("accepts a PostgreSQL URL over a Unix socket", () => {
    const result = parseEnv({ ...prod, DATABASE_URL: "postgresql:///patchmon?host=/var/run/postgresql" });
    expect(result.ok).toBe(true);
  });

  it("requires the OIDC issuer, client id and secret when OIDC is enabled", () => {
    const lines = problems({ OIDC_ENABLED: "true" });
    expect(lines.some((line) => line.startsWith("OIDC_ISSUER_URL:"))).toBe(true);
    expect(lines.some((line) => line.startsWith("OIDC_CLIENT_ID:"))).toBe(true);
    expect(lines.some((line) => line.startsWith("OIDC_CLIENT_SECRET:"))).toBe(true);
  });

  it("requires JWT_SECRET with a real database, and masks a short one", () => {
    expect(problems({ DATABASE_URL: prod.DATABASE_URL })[0]).toMatch(/^JWT_SECRET: got nothing/);
    const [line] = problems({ ...prod, JWT_SECRET: "tooshortsecret" });
    expect(line).toMatch(/^JWT_SECRET: got ".*", expected at least 32 characters/);
    expect(line).not.toContain("tooshortsecret");
  });

  it("reports every bad variable at once", () => {
    const lines = problems({
      ...prod,
      PORT: "http",
      LOG_LEVEL: "loud",
      TZ: "Mars/Olympus",
      ENABLE_HSTS: "sure",
    });
    expect(lines.map((line) => line.split(":")[0]).sort()).toEqual([
      "ENABLE_HSTS",
      "LOG_LEVEL",
      "PORT",
      "TZ",
    ]);
  });

  it("treats empty values as unset", () => {
    const result = parseEnv({ ...prod, REDIS_PASSWORD: "", REDIS_HOST: "", RATE_LIMIT_MAX: "" });
    expect(result.ok && result.env.redis.enabled).toBe(false);
    expect(result.ok && result.env.rateLimit.max).toBe(5000);
  });

  it("enables Redis from REDIS_URL or REDIS_HOST", () => {
    const viaUrl = parseEnv({ ...prod, REDIS_URL: "redis://:pw@cache:6380/2" });
    expect(viaUrl.ok && viaUrl.env.redis).toMatchObject({ enabled: true, url: "redis://:pw@cache:6380/2" });
    const viaHost = parseEnv({ ...prod, REDIS_HOST: "redis", REDIS_PASSWORD: "pw", REDIS_DB: "3" });
    expect(viaHost.ok && viaHost.env.redis).toMatchObject({ enabled: true, host: "redis", db: 3 });
    expect(problems({ REDIS_URL: "http://cache" })[0]).toMatch(/^REDIS_URL:/);
  });

  it("builds the public server URL and accepts a numeric TRUST_PROXY", () => {
    const result = parseEnv({
      SERVER_PROTOCOL: "https",
      SERVER_HOST: "patchmon.example.com",
      SERVER_PORT: "443",
      TRUST_PROXY: "2",
    });
    expect(result.ok && result.env.serverUrl).toBe("https://patchmon.example.com");
    expect(result.ok && result.env.server.trustProxy).toBe(2);
  });

  it("lists every variable it reads", () => {
    const names = knownVariables();
    for (const name of [
      "DATABASE_URL",
      "JWT_SECRET",
      "RATE_LIMIT_MAX",
      "OIDC_ISSUER_URL",
      "REDIS_URL",
      "TZ",
      "PATCHMON_DATA_DIR",
    ]) {
      expect(names).toContain(name);
    }
  });
});
