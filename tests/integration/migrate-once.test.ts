// Web (its preflight), worker and CLI started together on an empty PostgreSQL migrate exactly once.
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/database";
import { collect, spawnEntry, waitFor } from "../support/processes";
import { testDatabaseUrl, testRedisUrl } from "../support/services";

const migrationFiles = fs
  .readdirSync(path.resolve(import.meta.dirname, "../../db/migrations"))
  .filter((f) => f.endsWith(".sql"));

describe.skipIf(!testDatabaseUrl())("concurrent start-up on an empty PostgreSQL", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it("applies each migration once, whoever gets there first", async () => {
    const database = await createEmptyDatabase("migrate");
    if (!database) throw new Error("no database");
    cleanups.push(database.drop);
    const redisUrl = testRedisUrl();
    const env = {
      DATABASE_URL: database.url,
      JWT_SECRET: "m".repeat(48),
      PATCHMON_DATA_DIR: process.env.PATCHMON_DATA_DIR,
      PM_LOG_TO_CONSOLE: "true",
      REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    };
    const clis = [1, 2, 3].map(() => collect(spawnEntry("cli/main.ts", ["preflight"], env)));
    const worker = redisUrl ? spawnEntry("workers/index.ts", [], env) : undefined;
    let workerOut = "";
    worker?.stdout?.on("data", (chunk) => {
      workerOut += chunk;
    });
    const results = await Promise.all(clis);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    if (worker) {
      await waitFor(async () => workerOut.includes("worker started"), 60_000);
      worker.kill("SIGTERM");
      await new Promise((resolve) => worker.on("close", resolve));
    }

    const appliedByCli = results.map((r) => Number(/: (\d+) migration\(s\) applied/.exec(r.stdout)?.[1]));
    const appliedByWorker = [...workerOut.matchAll(/"applied":(\d+)/g)].map((m) => Number(m[1]));
    const applied = [...appliedByCli, ...appliedByWorker];
    expect(applied.reduce((a, b) => a + b, 0)).toBe(migrationFiles.length);
    expect(applied.filter((n) => n > 0)).toHaveLength(1);

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
      expect(rows).toHaveLength(migrationFiles.length);
      expect(rows.every((row) => row.n === 1)).toBe(true);
      const roles = await sql`select name from roles where is_builtin order by name`;
      expect(roles.map((r) => r.name)).toEqual(["admin", "host_manager", "readonly", "superadmin", "user"]);
    } finally {
      await sql.end();
    }
  }, 120_000);
});
