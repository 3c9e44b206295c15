import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { closeDb, prepareDatabase } from "@/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { flushFinishedRuns } from "@/lib/queue/finished-runs";
import { testDatabaseUrl } from "./services";

/** A new, empty PostgreSQL database beside the run's one (for start-up tests); null on PGlite. */
export async function createEmptyDatabase(
  label: string,
): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const runUrl = testDatabaseUrl();
  if (!runUrl) return null;
  const admin = postgres(runUrl, { max: 1, onnotice: () => {} });
  const name = `patchmon_${label}_${Date.now()}_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Points the app's configuration at the test database (plus `overrides`; undefined deletes a
 * variable), migrates before the file's tests and closes the pool after them.
 */
export function useMigratedDatabase(overrides: Record<string, string | undefined> = {}): void {
  const saved = Object.fromEntries(Object.keys(overrides).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvCache();
  };
  beforeAll(async () => {
    apply(overrides);
    await prepareDatabase();
  });
  afterAll(async () => {
    await flushFinishedRuns(); // runs recorded in batches (lib/queue/finished-runs.ts) go in first
    await closeDb();
    apply(saved);
  });
}
