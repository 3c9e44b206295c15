// Shared bits of the fleet benchmarks (bench/seed-fleet.ts, bench/pages.ts): command-line options,
// the database URL, percentiles and the environment the app modules need before they are imported.
import os from "node:os";

/** `--name value` options; `--flag` alone is "true". */
export function parseArgs(argv: string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith("--")) options.set(arg.slice(2), "true");
    else {
      options.set(arg.slice(2), next);
      i++;
    }
  }
  return options;
}

export function intOption(options: Map<string, string>, name: string, fallback: number): number {
  const raw = options.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
}

/**
 * Points the app's environment at `databaseUrl` (lib/env.ts reads it once, on first use, so this
 * runs before any app module is imported) and quietens the logger.
 */
export function configureDatabase(databaseUrl: string, connections = 12) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.DB_CONNECTION_LIMIT = String(connections);
  process.env.JWT_SECRET ??= "bench-only-secret-0123456789abcdef0123456789abcdef";
  process.env.LOG_LEVEL = "fatal";
  process.env.PM_LOG_TO_CONSOLE = "false";
}

/** The database name of a postgres:// URL and the URL of the server's `postgres` database. */
export function splitDatabaseUrl(databaseUrl: string): { name: string; maintenanceUrl: string } {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`database name ${JSON.stringify(name)}: use [a-z0-9_]`);
  url.pathname = "/postgres";
  return { name, maintenanceUrl: url.toString() };
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

export function machineLine(): string {
  const load = os.loadavg().map((v) => v.toFixed(2));
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load ${load.join(" ")}`;
}

/** A small deterministic PRNG (mulberry32), so a seed builds the same fleet every time. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
