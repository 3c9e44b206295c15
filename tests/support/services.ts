import { inject } from "vitest";

/** The Redis URL for tests that need BullMQ, or null. Under CI=true Redis is required. */
export function testRedisUrl(): string | null {
  const url = inject("redisUrl");
  if (!url && process.env.CI === "true")
    throw new Error("CI=true but no REDIS_URL/TEST_REDIS_URL for BullMQ tests");
  if (!url)
    console.warn("[integration] SKIPPED: BullMQ tests need REDIS_URL (or TEST_REDIS_URL); none is set");
  return url;
}

/** The fresh PostgreSQL database of this run, or null on PGlite. */
export function testDatabaseUrl(): string | null {
  return inject("databaseUrl");
}

/** The environment of a CLI child process pointed at this run's database (plus `extra`). */
export function cliTestEnv(
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    DATABASE_URL: testDatabaseUrl() ?? undefined,
    JWT_SECRET: "c".repeat(48),
    PATCHMON_DATA_DIR: process.env.PATCHMON_DATA_DIR,
    PM_LOG_TO_CONSOLE: "true",
    ...extra,
  };
}
