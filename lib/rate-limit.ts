// Rate limits by category (agent now; general and auth reuse this). With Redis the counters are
// shared by every web process (RateLimiterRedis); a memory limiter insures it, so a Redis outage
// degrades to per-process limits instead of blocking agents. Without Redis: memory only.
import type { Redis } from "ioredis";
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

export type RateLimitCategory = "agent" | "general" | "auth";

export type RateLimitOutcome =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

type Limiter = { signature: string; limiter: RateLimiterAbstract };

const store = globalThis as unknown as {
  __patchmonRateLimiters?: Map<RateLimitCategory, Limiter>;
  __patchmonRateLimitRedis?: Redis;
};

function categoryConfig(category: RateLimitCategory): { max: number; windowMs: number } {
  const { rateLimit } = getEnv();
  switch (category) {
    case "agent":
      return { max: rateLimit.agentMax, windowMs: rateLimit.agentWindowMs };
    case "auth":
      return { max: rateLimit.authMax, windowMs: rateLimit.authWindowMs };
    case "general":
      return { max: rateLimit.max, windowMs: rateLimit.windowMs };
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
