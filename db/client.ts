// The database client: postgres.js when DATABASE_URL is set, embedded PGlite in the data dir when not.
// Only db/queries/* (and the db/ entrypoints) import this file.
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Logger as DrizzleLogger, SQL } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { type Env, getEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { acquirePgliteLock } from "./pglite-lock";
import { PreparePolicy, preparingClient } from "./prepared";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export type DbKind = "postgres" | "pglite";

/** The rows of a raw statement: db.execute answers an array on postgres.js and `{ rows }` on PGlite. */
export async function executeRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

type Handle = {
  kind: DbKind;
  db: Database;
  /** Runs one raw statement; used for health checks and advisory locks. */
  ping(): Promise<void>;
  close(): Promise<void>;
  postgres?: postgres.Sql;
  pglite?: PGlite;
};

type QueryObserver = (query: string, params: unknown[]) => void;
const observers = new Set<QueryObserver>();

/** Calls `observer` for every statement drizzle sends; returns the unsubscribe function (tests count statements). */
export function observeQueries(observer: QueryObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

function drizzleLogger(env: Env): DrizzleLogger {
  return {
    logQuery(query, params) {
      for (const observer of observers) observer(query, params);
      if (env.database.logQueries) getLogger("db").info({ query }, "query");
    },
  };
}

function openPostgres(env: Env, url: string): Handle {
  const prepared = env.database.preparedStatements;
  const sql = postgres(url, {
    max: env.database.connectionLimit,
    idle_timeout: env.database.idleTimeoutSeconds || undefined,
    connect_timeout: env.database.connectTimeoutSeconds,
    max_lifetime: env.database.maxLifetimeSeconds || null,
    onnotice: () => {},
    connection: {
      application_name: "patchmon",
      // The DB_TRANSACTION_* limits are enforced by the server itself.
      idle_in_transaction_session_timeout: env.database.transactionTimeoutMs,
      statement_timeout: env.database.transactionLongTimeoutMs,
      lock_timeout: env.database.transactionMaxWaitMs,
      // How PostgreSQL plans prepared statements (db/prepared.ts; unnamed ones are always planned
      // for their values): "auto" keeps a generic plan once it costs no more than the plans made
      // for the values, which spares the hot statements their planning (up to ~0.7 ms each);
      // "force_custom_plan" plans every execution for its values, as unnamed statements are.
      ...(prepared ? { plan_cache_mode: env.database.planCacheMode } : {}),
    },
    // Off: not even postgres.js's own statements are named (poolers in transaction mode).
    prepare: prepared,
  });
  return {
    kind: "postgres",
    db: drizzlePostgres(prepared ? preparingClient(sql, new PreparePolicy()) : sql, {
      schema,
      logger: drizzleLogger(env),
    }),
    postgres: sql,
    ping: async () => {
      await sql`select 1`;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

function openPglite(env: Env): Handle {
  const release = acquirePgliteLock(
    path.join(/* turbopackIgnore: true */ env.dataDir, "pglite.lock"),
    env.dataDir,
  );
  const client = new PGlite(path.join(/* turbopackIgnore: true */ env.dataDir, "pglite"));
  // The PGlite driver speaks the same SQL and returns the same shapes; one type for both keeps
  // every query function single-sourced.
  const db = drizzlePglite({ client, schema, logger: drizzleLogger(env) }) as unknown as Database;
  return {
    kind: "pglite",
    db,
    pglite: client,
    ping: async () => {
      await client.query("select 1");
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

// Kept on globalThis so that Next's dev server reloads reuse one pool instead of leaking them.
const globalStore = globalThis as unknown as { __patchmonDb?: Handle };

export function getDbHandle(): Handle {
  if (!globalStore.__patchmonDb) {
    const env = getEnv();
    globalStore.__patchmonDb = env.database.url ? openPostgres(env, env.database.url) : openPglite(env);
  }
  return globalStore.__patchmonDb;
}

export function getDb(): Database {
  return getDbHandle().db;
}

export async function closeDb(): Promise<void> {
  const handle = globalStore.__patchmonDb;
  globalStore.__patchmonDb = undefined;
  await handle?.close();
}
