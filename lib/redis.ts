import { Redis, type RedisOptions } from "ioredis";
import { getEnv } from "./env";

/**
 * A new Redis connection from REDIS_URL, or REDIS_HOST/PORT/USER/PASSWORD/DB.
 * BullMQ requires maxRetriesPerRequest: null on the connections its workers block on.
 */
export function createRedisConnection(name: string, overrides: RedisOptions = {}): Redis {
  const { redis } = getEnv();
  const options: RedisOptions = {
    maxRetriesPerRequest: null,
    connectionName: `patchmon-${name}`,
    ...overrides,
  };
  if (redis.url) return new Redis(redis.url, options);
  return new Redis({
    host: redis.host,
    port: redis.port,
    username: redis.user,
    password: redis.password,
    db: redis.db,
    ...options,
  });
}

/** Round trip to Redis for /health: ok with latency, or not ok, within timeoutMs. */
export async function pingRedis(
  timeoutMs = 2000,
): Promise<{ ok: boolean; latencyMs?: number; error?: string }> {
  const client = createRedisConnection("health", {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  const started = performance.now();
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), timeoutMs).unref()),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    client.disconnect();
  }
}
