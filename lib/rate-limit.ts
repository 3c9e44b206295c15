// Rate limits by category: agent (per API id), general (the REST API, per client), auth (sign-in
// endpoints and actions, per client and per login name) and password (password checks of a signed-in
// user). With Redis the counters are shared by every web process (RateLimiterRedis); a memory
// limiter insures it, so a Redis outage degrades to per-process limits instead of blocking
// everyone. Without Redis: memory only.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import ipaddr from "ipaddr.js";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { ApiError } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { createRedisConnection, producerOptions } from "@/lib/redis";

export type RateLimitCategory = "agent" | "general" | "auth" | "password";

export type RateLimitOutcome =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

type Limiter = { signature: string; limiter: RateLimiterAbstract };

const store = globalThis as unknown as {
  __patchmonRateLimiters?: Map<RateLimitCategory, Limiter>;
  __patchmonRateLimitRedis?: Redis;
};

function categoryConfig(category: RateLimitCategory): { max: number; windowMs: number } {
  const { rateLimit, password } = getEnv();
  switch (category) {
    case "agent":
      return { max: rateLimit.agentMax, windowMs: rateLimit.agentWindowMs };
    case "auth":
      return { max: rateLimit.authMax, windowMs: rateLimit.authWindowMs };
    case "general":
      return { max: rateLimit.max, windowMs: rateLimit.windowMs };
    case "password":
      return { max: password.rateLimitMax, windowMs: password.rateLimitWindowMs };
  }
}

function redisClient(): Redis {
  store.__patchmonRateLimitRedis ??= createRedisConnection("rate-limit", producerOptions);
  return store.__patchmonRateLimitRedis;
}

function getLimiter(category: RateLimitCategory): RateLimiterAbstract {
  const env = getEnv();
  const { max, windowMs } = categoryConfig(category);
  const duration = Math.max(1, Math.ceil(windowMs / 1000));
  const signature = `${max}/${duration}/${env.redis.enabled ? env.redis.keyPrefix : "memory"}`;
  store.__patchmonRateLimiters ??= new Map();
  const cached = store.__patchmonRateLimiters.get(category);
  if (cached?.signature === signature) return cached.limiter;
  const keyPrefix = `${env.redis.keyPrefix}:rl:${category}`;
  const memory = new RateLimiterMemory({ points: max, duration, keyPrefix });
  const limiter = env.redis.enabled
    ? new RateLimiterRedis({
        storeClient: redisClient(),
        points: max,
        duration,
        keyPrefix,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      })
    : memory;
  store.__patchmonRateLimiters.set(category, { signature, limiter });
  return limiter;
}

export type RateLimitSubject = {
  /** The client address; null when it is unknown (all unknown clients then share one counter). */
  ip?: string | null;
  userId?: string | null;
  /** A login name as typed: counted case-insensitively and stored hashed (no names in Redis). */
  login?: string | null;
};

/**
 * The counter key of a subject: "ip:203.0.113.9", "user:<id>", "login:<hash>", or several joined
 * with "|". An IPv6 client is counted by its /64, the block one subscriber usually holds.
 */
export function rateLimitKey(subject: RateLimitSubject): string {
  const parts: string[] = [];
  if (subject.ip !== undefined) parts.push(`ip:${ipBucket(subject.ip)}`);
  if (subject.userId) parts.push(`user:${subject.userId}`);
  const login = subject.login?.trim().toLowerCase();
  if (login) parts.push(`login:${createHash("sha256").update(login).digest("hex").slice(0, 32)}`);
  if (parts.length === 0) throw new Error("a rate limit key needs an ip, a user id or a login");
  return parts.join("|");
}

function ipBucket(ip: string | null): string {
  if (!ip || !ipaddr.isValid(ip)) return "unknown";
  const address = ipaddr.process(ip);
  if (address.kind() === "ipv4") return address.toString();
  const bytes = address.toByteArray().slice(0, 8);
  return `${ipaddr.fromByteArray([...bytes, 0, 0, 0, 0, 0, 0, 0, 0]).toString()}/64`;
}

/** "45 seconds", "1 minute", "4 minutes", "2 hours": how long to wait, for people. */
export function describeWait(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), "second");
  if (seconds < 2 * 3600) return plural(Math.ceil(seconds / 60), "minute");
  return plural(Math.ceil(seconds / 3600), "hour");
}

/** Counts one request of `key` in `category`. */
export async function consumeRateLimit(category: RateLimitCategory, key: string): Promise<RateLimitOutcome> {
  try {
    const res = await getLimiter(category).consume(key);
    return { allowed: true, remaining: res.remainingPoints };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    }
    // A store failure that even the insurance could not absorb: let the request through.
    getLogger("rate-limit").warn({ category, error: String(error) }, "rate limiter failed; allowing request");
    return { allowed: true, remaining: 0 };
  }
}

/** Throws 429 `{"error":"Too many requests"}` with Retry-After when `key` is over its limit. */
export async function enforceRateLimit(category: RateLimitCategory, key: string): Promise<void> {
  const outcome = await consumeRateLimit(category, key);
  if (!outcome.allowed) {
    throw new ApiError("rate_limited", 429, "Too many requests, please try again later", {
      headers: { "Retry-After": String(outcome.retryAfterSeconds) },
    });
  }
}

/** Forgets the limiters and closes their Redis connection (tests, shutdown). */
export async function resetRateLimiters(): Promise<void> {
  store.__patchmonRateLimiters = undefined;
  const client = store.__patchmonRateLimitRedis;
  store.__patchmonRateLimitRedis = undefined;
  client?.disconnect();
}
