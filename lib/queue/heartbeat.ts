// Worker liveness: each worker writes the time into one Redis key every 15 s; /health reads it.
// One key for all replicas: "a worker is alive" is what the web process needs to know.
import type { Redis } from "ioredis";
import { getEnv } from "@/lib/env";
import { createRedisConnection } from "@/lib/redis";

export const HEARTBEAT_INTERVAL_MS = 15_000;
/** A heartbeat older than this means no worker is processing jobs. */
export const HEARTBEAT_MAX_AGE_MS = 60_000;

export const heartbeatKey = () => `${getEnv().redis.keyPrefix}:worker:heartbeat`;

export async function writeHeartbeat(connection: Redis, now = new Date()): Promise<void> {
  await connection.set(heartbeatKey(), now.toISOString(), "PX", HEARTBEAT_MAX_AGE_MS * 10);
}

/** Writes a heartbeat now and every interval; returns the stop function. Failures are retried next tick. */
export function startHeartbeat(connection: Redis, onError: (error: unknown) => void): () => void {
  const beat = () => writeHeartbeat(connection).catch(onError);
  void beat();
  const timer = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** The last heartbeat time, or null (none, or Redis did not answer within timeoutMs). */
export async function readHeartbeat(timeoutMs = 2000): Promise<Date | null> {
  const client = createRedisConnection("health-heartbeat", {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    const value = await Promise.race([
      client.connect().then(() => client.get(heartbeatKey())),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref()),
    ]);
    const at = value ? new Date(value) : null;
    return at && !Number.isNaN(at.getTime()) ? at : null;
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}
