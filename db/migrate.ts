// Start-up database work shared by web, worker and CLI: wait for the database, then apply pending
// migrations exactly once even when several processes start together.
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { getDbHandle } from "./client";
import { DataDirInUseError } from "./pglite-lock";

/** Any fixed 64-bit number: the advisory lock every PatchMon process takes to migrate. */
const MIGRATION_LOCK_ID = 7_231_904_118_224_561n;

export function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Pings until the database answers: PM_DB_CONN_MAX_ATTEMPTS tries, PM_DB_CONN_WAIT_INTERVAL apart. */
export async function waitForDatabase(): Promise<void> {
  const env = getEnv();
  const log = getLogger("db");
  const { connMaxAttempts, connWaitIntervalSeconds } = env.database;
  for (let attempt = 1; ; attempt++) {
    try {
      await getDbHandle().ping();
      log.info({ attempt }, "database is reachable");
      return;
    } catch (error) {
      if (error instanceof DataDirInUseError) throw error;
      if (attempt >= connMaxAttempts) {
        throw new Error(`Database not reachable after ${attempt} attempts: ${errorMessage(error)}`);
      }
      log.warn(
        { attempt, maxAttempts: connMaxAttempts, error: errorMessage(error) },
        `database not ready (attempt ${attempt}/${connMaxAttempts}), retrying in ${connWaitIntervalSeconds}s`,
      );
      await sleep(connWaitIntervalSeconds * 1000);
    }
  }
}

export type MigrationResult = { applied: number; total: number };

const MIGRATIONS_TABLE_EXISTS = "select to_regclass('drizzle.__drizzle_migrations') is not null as present";
const COUNT_APPLIED = "select count(*)::int as n from drizzle.__drizzle_migrations";

type RawQuery = <T>(text: string) => Promise<T[]>;

/** How many migrations the database records as applied (0 before the first migration). */
async function countApplied(query: RawQuery): Promise<number> {
  const [table] = await query<{ present: boolean }>(MIGRATIONS_TABLE_EXISTS);
  if (!table?.present) return 0;
  const [row] = await query<{ n: number }>(COUNT_APPLIED);
  return row?.n ?? 0;
}

function rawQueryOf(handle: { postgres?: postgres.Sql; pglite?: PGlite }): RawQuery {
  if (handle.pglite) {
    const client = handle.pglite;
    return async <T>(text: string) => (await client.query<T>(text)).rows;
  }
  const sql = handle.postgres;
  if (!sql) throw new Error("database client is not open");
  return async <T>(text: string) => (await sql.unsafe(text)) as unknown as T[];
}

async function migrateOnPostgres(url: string): Promise<number> {
  // A dedicated single connection without the app's statement timeout: a long migration must not
  // be cut short, and the session-level advisory lock lives on this one connection.
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: "patchmon-migrate" },
  });
  const log = getLogger("db");
  try {
    for (let waited = 0; ; waited++) {
      const [row] = await sql<
        { locked: boolean }[]
      >`select pg_try_advisory_lock(${MIGRATION_LOCK_ID.toString()}::bigint) as locked`;
      if (row?.locked) break;
      if (waited % 10 === 0) log.info("another process is migrating the database; waiting for it");
      await sleep(500);
    }
    try {
      const query = rawQueryOf({ postgres: sql });
      const before = await countApplied(query);
      await migratePostgres(drizzlePostgres(sql), { migrationsFolder: migrationsFolder() });
      return (await countApplied(query)) - before;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID.toString()}::bigint)`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function migrateOnPglite(): Promise<number> {
  // PGlite is embedded in this one process, so no other process can be migrating it.
  const client = getDbHandle().pglite;
  if (!client) throw new Error("PGlite client is not open");
  const query = rawQueryOf({ pglite: client });
  const before = await countApplied(query);
  await migratePglite(drizzlePglite({ client }), { migrationsFolder: migrationsFolder() });
  return (await countApplied(query)) - before;
}

/** Applies pending migrations; returns how many this process applied (0 when already up to date). */
export async function runMigrations(): Promise<MigrationResult> {
  const env = getEnv();
  const log = getLogger("db");
  const applied = env.database.url ? await migrateOnPostgres(env.database.url) : await migrateOnPglite();
  const total = await countAppliedMigrations();
  if (applied > 0) log.info({ applied, total }, `applied ${applied} database migration(s)`);
  else log.info({ total }, "database schema is up to date");
  return { applied, total };
}

export async function countAppliedMigrations(): Promise<number> {
  return countApplied(rawQueryOf(getDbHandle()));
}

/** Waits for the database and migrates it: what every process does before it serves or works. */
export async function prepareDatabase(): Promise<MigrationResult> {
  await waitForDatabase();
  return runMigrations();
}

/** Entrypoints close the pool through here rather than importing the client. */
export { closeDb } from "./client";
