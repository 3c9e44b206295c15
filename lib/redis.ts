import { setTimeout as sleep } from "node:timers/promises";
import { Redis, type RedisOptions } from "ioredis";
import { getEnv } from "./env";
import { getLogger } from "./logger";

/**
 * A new Redis connection from REDIS_URL, or REDIS_HOST/PORT/USER/PASSWORD/DB.
 * BullMQ requires maxRetriesPerRequest: null on the connections its workers block on; connections
 * that only send commands (producers) pass `producerOptions` so a missing Redis fails fast.
 * Connection errors go through the logger (never ioredis' raw stack traces), at most once a minute.
 */
export function createRedisConnection(name: string, overrides: RedisOptions = {}): Redis {
  const { redis } = getEnv();
  const options: RedisOptions = {
    maxRetriesPerRequest: null,
    connectionName: `patchmon-${name}`,
    ...overrides,
  };
  const client = redis.url
    ? new Redis(redis.url, options)
    : new Redis({
        host: redis.host,
        port: redis.port,
        username: redis.user,
        password: redis.password,
        db: redis.db,
        ...options,
      });
  let lastLogged = 0;
  client.on("error", (error: Error) => {
    if (Date.now() - lastLogged < 60_000) return;
    lastLogged = Date.now();
    getLogger("redis").warn({ connection: name, error: error.message }, "redis connection error");
  });
  return client;
}

/** For connections that only send commands: fail instead of queueing commands while Redis is away. */
export const producerOptions: RedisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false };

/** Rejects when `promise` has not settled within timeoutMs. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what}: Redis did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      ).unref(),
    ),
  ]);
}

/** Pings until Redis answers, with the same patience as for the database (PM_DB_CONN_*). */
export async function waitForRedis(): Promise<void> {
  const { connMaxAttempts, connWaitIntervalSeconds } = getEnv().database;
  const log = getLogger("redis");
  for (let attempt = 1; ; attempt++) {
    const result = await pingRedis();
    if (result.ok) return;
    if (attempt >= connMaxAttempts)
      throw new Error(`Redis not reachable after ${attempt} attempts: ${result.error}`);
    log.warn({ attempt, error: result.error }, `redis not ready (attempt ${attempt}/${connMaxAttempts})`);
    await sleep(connWaitIntervalSeconds * 1000);
  }
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
