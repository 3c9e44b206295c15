// /health reports the worker's heartbeat, informationally: a missing worker never changes the status code.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/health/route";
import { heartbeatKey, writeHeartbeat } from "@/lib/queue/heartbeat";
import { useMigratedDatabase } from "../support/database";
import { collect, spawnEntry, waitFor } from "../support/processes";
import { testDatabaseUrl, testRedisUrl } from "../support/services";

const redisUrl = testRedisUrl();

async function health() {
  const response = await GET();
  return { status: response.status, body: await response.json() };
}

describe.skipIf(!redisUrl)("GET /health with a worker", () => {
  useMigratedDatabase({ REDIS_URL: redisUrl ?? undefined });
  const redis = new Redis(redisUrl ?? "", { lazyConnect: true });
  afterAll(() => redis.disconnect());

  it("says the worker is not ok without a recent heartbeat, and still answers 200", async () => {
    await redis.del(heartbeatKey());
    let result = await health();
    expect(result.status).toBe(200);
    expect(result.body.status).toBe("ok");
    expect(result.body.worker).toEqual({ mode: "worker", ok: false, lastHeartbeatAt: null });

    const old = new Date(Date.now() - 120_000);
    await writeHeartbeat(redis, old);
    result = await health();
    expect(result.status).toBe(200);
    expect(result.body.worker).toEqual({ mode: "worker", ok: false, lastHeartbeatAt: old.toISOString() });
  });

  it.skipIf(!testDatabaseUrl())(
    "reports ok while a real worker beats, and the worker stops cleanly",
    async () => {
      await redis.del(heartbeatKey());
      const child = spawnEntry("workers/index.ts", [], {
        DATABASE_URL: process.env.DATABASE_URL,
        JWT_SECRET: process.env.JWT_SECRET,
        REDIS_URL: redisUrl as string,
        REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX,
        PATCHMON_DATA_DIR: process.env.PATCHMON_DATA_DIR,
        PM_LOG_TO_CONSOLE: "true",
      });
      const exited = collect(child);
      const body = await waitFor(async () => {
        const result = await health();
        return result.body.worker.ok ? result.body : undefined;
      }, 60_000);
      expect(Date.now() - new Date(body.worker.lastHeartbeatAt).getTime()).toBeLessThan(60_000);
      child.kill("SIGTERM");
      expect((await exited).code).toBe(0);
    },
    120_000,
  );
});
