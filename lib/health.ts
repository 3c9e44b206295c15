import { checkDatabase } from "@/db/queries/health";
import { getEnv } from "./env";
import { getLogger } from "./logger";
import { pingRedis } from "./redis";
import { APP_VERSION } from "./version";

export type HealthReport = {
  status: "ok" | "degraded" | "unavailable";
  version: string;
  database: { ok: boolean; latencyMs?: number };
  redis: { ok: boolean; latencyMs?: number } | "disabled";
  uptimeSeconds: number;
};

/** The state of the database and Redis. No secrets and no error details: /health is public. */
export async function getHealth(): Promise<HealthReport> {
  const env = getEnv();
  const [database, redis] = await Promise.all([
    checkDatabase(),
    env.redis.enabled ? pingRedis() : Promise.resolve("disabled" as const),
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
    uptimeSeconds: Math.round(process.uptime()),
  };
}
