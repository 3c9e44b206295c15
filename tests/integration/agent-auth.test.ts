// Agent authentication and rate limiting, through real route handlers against the test database.
import { Redis } from "ioredis";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET as info } from "@/app/api/v1/hosts/info/route";
import { POST as ping } from "@/app/api/v1/hosts/ping/route";
import { GET as autoUpdate } from "@/app/api/v1/settings/auto-update/route";
import { resetEnvCache } from "@/lib/env";
import { resetRateLimiters } from "@/lib/rate-limit";
import {
  agentRequest,
  assertNoStoredSecretsLeaked,
  call,
  createTestHost,
  keyHeaders,
  type TestHost,
} from "../support/agent";
import { useMigratedDatabase } from "../support/database";
import { testRedisUrl } from "../support/services";

const redisUrl = testRedisUrl();

function setEnv(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}

describe("agent authentication", () => {
  useMigratedDatabase({ AGENT_RATE_LIMIT_MAX: "1000", REDIS_URL: undefined });
  let host: TestHost;

  beforeEach(async () => {
    await resetRateLimiters();
    host ??= await createTestHost("auth-host");
  });
  afterAll(async () => {
    await assertNoStoredSecretsLeaked();
    await resetRateLimiters();
  });

  it("answers 401 'API ID and Key required' when a header is missing", async () => {
    const partial: Record<string, string>[] = [{}, { "X-API-ID": host.apiId }, { "X-API-KEY": host.apiKey }];
    for (const headers of partial) {
      const answer = await call(info, agentRequest("/hosts/info", { headers }));
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: "API ID and Key required" });
    }
    const post = await call(ping, agentRequest("/hosts/ping", { method: "POST", body: "not json" }));
    expect(post.status).toBe(401);
    expect(post.body).toEqual({ error: "API ID and Key required" });
  });

  it("answers the same 401 for an unknown id and for a wrong key", async () => {
    const wrongKey = await call(
      info,
      agentRequest("/hosts/info", { headers: { "X-API-ID": host.apiId, "X-API-KEY": "0".repeat(64) } }),
    );
    const unknownId = await call(
      info,
      agentRequest("/hosts/info", {
        headers: { "X-API-ID": "patchmon_0000000000000000", "X-API-KEY": host.apiKey },
      }),
    );
    const garbage = await call(
      info,
      agentRequest("/hosts/info", { headers: { "X-API-ID": "'; drop table hosts; --", "X-API-KEY": "x" } }),
    );
    for (const answer of [wrongKey, unknownId, garbage]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: "Invalid API credentials" });
      expect(answer.text).toBe(wrongKey.text);
    }
  });

  it("accepts the key headers, and apiId/apiKey in the JSON body", async () => {
    const byHeaders = await call(info, agentRequest("/hosts/info", { headers: keyHeaders(host) }));
    expect(byHeaders.status).toBe(200);
    expect(byHeaders.body.api_id).toBe(host.apiId);

    const byBody = await call(
      ping,
      agentRequest("/hosts/ping", { method: "POST", body: { apiId: host.apiId, apiKey: host.apiKey } }),
    );
    expect(byBody.status).toBe(200);
    expect(byBody.body.message).toBe("Ping successful");

    const wrongBody = await call(
      ping,
      agentRequest("/hosts/ping", { method: "POST", body: { apiId: host.apiId, apiKey: "f".repeat(64) } }),
    );
    expect(wrongBody.status).toBe(401);
    expect(wrongBody.body).toEqual({ error: "Invalid API credentials" });
  });

  it("limits an API id to AGENT_RATE_LIMIT_MAX requests per window with 429 and Retry-After", async () => {
    setEnv({ AGENT_RATE_LIMIT_MAX: "3", AGENT_RATE_LIMIT_WINDOW_MS: "60000" });
    try {
      const other = await createTestHost("rate-other");
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<typeof call>> | undefined;
      for (let i = 0; i < 4; i++) {
        const answer = await call(
          autoUpdate,
          agentRequest("/settings/auto-update", { headers: keyHeaders(host) }),
        );
        statuses.push(answer.status);
        if (answer.status === 429) limited = answer;
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(limited?.body).toEqual({ error: expect.any(String) });
      const retryAfter = Number(limited?.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Per API id: another host is not affected, and wrong keys do not use up the allowance.
      const otherAnswer = await call(
        autoUpdate,
        agentRequest("/settings/auto-update", { headers: keyHeaders(other) }),
      );
      expect(otherAnswer.status).toBe(200);
    } finally {
      setEnv({ AGENT_RATE_LIMIT_MAX: "1000" });
    }
  });

  it("does not count failed authentications against the host's allowance", async () => {
    setEnv({ AGENT_RATE_LIMIT_MAX: "2" });
    try {
      for (let i = 0; i < 5; i++) {
        const bad = await call(
          info,
          agentRequest("/hosts/info", { headers: { "X-API-ID": host.apiId, "X-API-KEY": "1".repeat(64) } }),
        );
        expect(bad.status).toBe(401);
      }
      expect((await call(info, agentRequest("/hosts/info", { headers: keyHeaders(host) }))).status).toBe(200);
    } finally {
      setEnv({ AGENT_RATE_LIMIT_MAX: "1000" });
    }
  });

  it.skipIf(!redisUrl)(
    "shares the limit through Redis, and falls back to memory when Redis is down",
    async () => {
      setEnv({ AGENT_RATE_LIMIT_MAX: "2", REDIS_URL: redisUrl ?? undefined });
      try {
        const redisHost = await createTestHost("rate-redis");
        // The first request opens the limiter's connection (counted by the memory insurance meanwhile).
        await call(autoUpdate, agentRequest("/settings/auto-update", { headers: keyHeaders(redisHost) }));
        const redis = new Redis(redisUrl as string);
        try {
          await redis.ping();
          await new Promise((resolve) => setTimeout(resolve, 500));
          const statuses: number[] = [];
          for (let i = 0; i < 3; i++) {
            statuses.push(
              (
                await call(
                  autoUpdate,
                  agentRequest("/settings/auto-update", { headers: keyHeaders(redisHost) }),
                )
              ).status,
            );
          }
          expect(statuses).toEqual([200, 200, 429]);
          const stored = await redis.get(`${process.env.REDIS_KEY_PREFIX}:rl:agent:${redisHost.apiId}`);
          expect(Number(stored)).toBe(3);
        } finally {
          redis.disconnect();
        }

        await resetRateLimiters();
        setEnv({ REDIS_URL: "redis://127.0.0.1:1/0" });
        const down = await createTestHost("rate-redis-down");
        const downStatuses: number[] = [];
        for (let i = 0; i < 3; i++) {
          downStatuses.push(
            (await call(autoUpdate, agentRequest("/settings/auto-update", { headers: keyHeaders(down) })))
              .status,
          );
        }
        expect(downStatuses).toEqual([200, 200, 429]);
      } finally {
        await resetRateLimiters();
        setEnv({ AGENT_RATE_LIMIT_MAX: "1000", REDIS_URL: undefined });
      }
    },
  );
});
