// The general, auth and password rate limits, in memory and through a real Redis: the limiter
// functions, the helper the sign-in actions call, and proxy.ts answering 429 to real requests.
import { Redis } from "ioredis";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { limitAuthAttempt } from "@/lib/auth/rate-limit";
import { consumeRateLimit, rateLimitKey, resetRateLimiters } from "@/lib/rate-limit";
import { callProxy, passedThrough, setTestEnv } from "../support/proxy";
import { testRedisUrl } from "../support/services";

const redisUrl = testRedisUrl();
const LIMITS = {
  AUTH_RATE_LIMIT_MAX: "3",
  AUTH_RATE_LIMIT_WINDOW_MS: "600000",
  PASSWORD_RATE_LIMIT_MAX: "2",
  PASSWORD_RATE_LIMIT_WINDOW_MS: "900000",
  RATE_LIMIT_MAX: "4",
  RATE_LIMIT_WINDOW_MS: "60000",
  TRUST_PROXY: "true",
};

let counter = 0;
/** A client address no other test of this file uses, so the counters start at zero. */
function freshIp(): string {
  counter += 1;
  return `198.51.${Math.floor(counter / 250)}.${(counter % 250) + 1}`;
}

async function statuses(
  times: number,
  path: string,
  call: Parameters<typeof callProxy>[1],
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push((await callProxy(path, call)).status);
  return out;
}

const stores = [
  { name: "memory", url: undefined as string | undefined },
  ...(redisUrl ? [{ name: "redis", url: redisUrl }] : []),
];

describe.each(stores)("rate limits ($name)", ({ name, url }) => {
  beforeEach(async () => {
    await resetRateLimiters();
    setTestEnv({ ...LIMITS, REDIS_URL: url });
    // With Redis the first calls are counted by the memory insurance until the connection is up.
    if (url) await waitForRedisLimiter(url);
  });
  afterAll(async () => {
    await resetRateLimiters();
    setTestEnv({ REDIS_URL: undefined });
  });

  it("refuses the auth category after AUTH_RATE_LIMIT_MAX, with the seconds to wait", async () => {
    const key = rateLimitKey({ ip: freshIp() });
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await consumeRateLimit("auth", key));
    expect(outcomes.slice(0, 3).every((o) => o.allowed)).toBe(true);
    const last = outcomes[3];
    expect(last?.allowed).toBe(false);
    if (last?.allowed === false) {
      expect(last.retryAfterSeconds).toBeGreaterThan(590);
      expect(last.retryAfterSeconds).toBeLessThanOrEqual(600);
    }
    if (url) {
      const redis = new Redis(url);
      try {
        expect(Number(await redis.get(`${process.env.REDIS_KEY_PREFIX}:rl:auth:${key}`))).toBe(4);
      } finally {
        redis.disconnect();
      }
    }
  });

  it("limits password checks per user with PASSWORD_RATE_LIMIT_MAX", async () => {
    const key = rateLimitKey({ userId: `user-${name}-${freshIp()}` });
    const allowed = [];
    for (let i = 0; i < 3; i++) allowed.push((await consumeRateLimit("password", key)).allowed);
    expect(allowed).toEqual([true, true, false]);
    expect((await consumeRateLimit("password", rateLimitKey({ userId: "someone-else" }))).allowed).toBe(true);
  });

  it("tells the sign-in form how long to wait, per address and per login name", async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect(await limitAuthAttempt({ ip })).toEqual({ allowed: true });
    const refused = await limitAuthAttempt({ ip }, "anyone");
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.message).toBe("Too many sign-in attempts. Try again in 10 minutes.");
      expect(refused.retryAfterSeconds).toBeGreaterThan(590);
    }
    // The same name from ever new addresses: the name's own counter stops it.
    const login = `victim-${name}-${ip}`;
    const byName = [];
    for (let i = 0; i < 4; i++) byName.push((await limitAuthAttempt({ ip: freshIp() }, login)).allowed);
    expect(byName).toEqual([true, true, true, false]);
    expect((await limitAuthAttempt({ ip: freshIp() }, login.toUpperCase())).allowed).toBe(false);
  });

  it("answers 429 with Retry-After to next-auth's endpoints after AUTH_RATE_LIMIT_MAX posts", async () => {
    const ip = freshIp();
    const post = { method: "POST", ip };
    for (let i = 0; i < 3; i++)
      expect(passedThrough(await callProxy("/api/auth/callback/ticket", post))).toBe(true);
    const refused = await callProxy("/api/auth/signin/oidc", post);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(590);
    expect(await refused.json()).toEqual({
      error: "Too many requests",
      message: "Too many sign-in attempts. Try again in 10 minutes.",
      retryAfterSeconds: retryAfter,
    });
    expect(refused.headers.get("x-frame-options")).toBe("DENY");
    // Reading the session is not an attempt, and another address has its own allowance.
    expect(passedThrough(await callProxy("/api/auth/session", { ip }))).toBe(true);
    expect(
      passedThrough(await callProxy("/api/auth/callback/ticket", { method: "POST", ip: freshIp() })),
    ).toBe(true);
  });

  it("counts sign-in server actions once, in the actions, against the proxy's counter", async () => {
    const ip = freshIp();
    const action = { method: "POST", ip, headers: { "next-action": "40aa" } };
    expect(await statuses(5, "/login", action)).toEqual([200, 200, 200, 200, 200]);
    await limitAuthAttempt({ ip }, "someone");
    expect(await statuses(3, "/api/auth/callback/ticket", { method: "POST", ip })).toEqual([200, 200, 429]);
    // A form post without the header is counted by the proxy itself.
    expect(await statuses(4, "/setup", { method: "POST", ip: freshIp() })).toEqual([200, 200, 200, 429]);
  });

  it("applies the general limit to the REST API, by client, but not to agent endpoints", async () => {
    const ip = freshIp();
    expect(await statuses(5, "/api/v1/hosts", { ip })).toEqual([200, 200, 200, 200, 429]);
    const refused = await callProxy("/api/v1/hosts", { ip });
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({
      error: "Too many requests",
      retryAfterSeconds: expect.any(Number),
    });
    expect(await statuses(8, "/api/v1/hosts/ping", { method: "POST", ip })).toEqual(Array(8).fill(200));
    expect(await statuses(1, "/api/v1/hosts", { ip: freshIp() })).toEqual([200]);
    expect(await statuses(6, "/dashboard", { ip })).toEqual(Array(6).fill(200));
  });
});

async function waitForRedisLimiter(url: string): Promise<void> {
  const redis = new Redis(url);
  const probe = `probe-${Date.now()}`;
  try {
    for (let i = 0; i < 50; i++) {
      await consumeRateLimit("general", probe);
      if (await redis.exists(`${process.env.REDIS_KEY_PREFIX}:rl:general:${probe}`)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the rate limiter never reached Redis");
  } finally {
    redis.disconnect();
  }
}
