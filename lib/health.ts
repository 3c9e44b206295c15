import { checkDatabase } from "@/db/queries/health";
import { getEnv } from "./env";
import { getLogger } from "./logger";
import { HEARTBEAT_MAX_AGE_MS, readHeartbeat } from "./queue/heartbeat";
import { pingRedis } from "./redis";
import { APP_VERSION } from "./version";

export type HealthReport = {
  status: "ok" | "degraded" | "unavailable";
  version: string;
  database: { ok: boolean; latencyMs?: number };
  redis: { ok: boolean; latencyMs?: number } | "disabled";
  /**
   * With Redis, the separate worker's heartbeat: ok when younger than 60 s. Without Redis the jobs
   * run inside this web process, so there is no worker to watch: mode "in-process", ok true.
   * Informational only: the HTTP status never depends on it, so the web container stays healthy
   * while a worker restarts.
   */
  worker: { mode: "worker" | "in-process"; ok: boolean; lastHeartbeatAt: string | null };
  uptimeSeconds: number;
};

async function workerHealth(redisEnabled: boolean): Promise<HealthReport["worker"]> {
  if (!redisEnabled) return { mode: "in-process", ok: true, lastHeartbeatAt: null };
  const at = await readHeartbeat();
  return {
    mode: "worker",
    ok: at !== null && Date.now() - at.getTime() < HEARTBEAT_MAX_AGE_MS,
    lastHeartbeatAt: at?.toISOString() ?? null,
  };
}

/** The state of the database and Redis. No secrets and no error details: /health is public. */
export async function getHealth(): Promise<HealthReport> {
  const env = getEnv();
  const [database, redis, worker] = await Promise.all([
    checkDatabase(),
    env.redis.enabled ? pingRedis() : Promise.resolve("disabled" as const),
    workerHealth(env.redis.enabled),
  ]);
  if (!database.ok) getLogger("health").warn({ error: database.error }, "health check: database unavailable");
  if (redis !== "disabled" && !redis.ok)
    getLogger("health").warn({ error: redis.error }, "health check: redis unavailable");
  const redisOk = redis === "disabled" || redis.ok;
  return {
    status: !database.ok ? "unavailable" : redisOk ? "ok" : "degraded",
    version: APP_VERSION,
    database: { ok: database.ok, latencyMs: database.latencyMs },
    redis: redis === "disabled" ? "disabled" : { ok: redis.ok, latencyMs: redis.latencyMs },
    worker,
    uptimeSeconds: Math.round(process.uptime()),
  };
}
