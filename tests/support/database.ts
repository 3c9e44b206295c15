import postgres from "postgres";
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
