import { describe, expect, it } from "vitest";
import { GET } from "@/app/health/route";
import { closeDb } from "@/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { APP_VERSION } from "@/lib/version";
import { useMigratedDatabase } from "../support/database";
import { testRedisUrl } from "../support/services";

const redisUrl = testRedisUrl();

async function health() {
  const response = await GET();
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("GET /health", () => {
  useMigratedDatabase({ REDIS_URL: undefined });

  it("answers 200 with the database ok and Redis disabled when none is configured", async () => {
    const { status, body, headers } = await health();
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body).toMatchObject({
      status: "ok",
      version: APP_VERSION,
      database: { ok: true },
      redis: "disabled",
    });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(body.uptimeSeconds)).toBe(true);
    expect(body.worker).toEqual({ mode: "in-process", ok: true, lastHeartbeatAt: null });
    expect(Object.keys(body).sort()).toEqual([
      "database",
      "redis",
      "status",
      "uptimeSeconds",
      "version",
      "worker",
    ]);
  });

  it.skipIf(!redisUrl)("reports Redis ok when it answers", async () => {
    process.env.REDIS_URL = redisUrl as string;
    resetEnvCache();
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.redis).toMatchObject({ ok: true });
  });

  it("stays 200 but degraded when Redis is down, and says nothing secret", async () => {
    process.env.REDIS_URL = "redis://:topsecretpw@127.0.0.1:1/0";
    resetEnvCache();
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.redis).toEqual({ ok: false });
    expect(JSON.stringify(body)).not.toContain("topsecretpw");
  });

  it("answers 503 when the database does not", async () => {
    await closeDb();
    process.env.DATABASE_URL = "postgres://patchmon:dbsecret@127.0.0.1:1/patchmon";
    process.env.DB_CONNECT_TIMEOUT = "1";
    delete process.env.REDIS_URL;
    resetEnvCache();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "unavailable", database: { ok: false } });
    expect(JSON.stringify(body)).not.toContain("dbsecret");
  });
});
