// Runs once when the Next.js server starts, before it handles requests: validate the
// configuration, wait for and migrate the database, and host the jobs when there is no Redis.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself; the edge runtime has no database or timers to start.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnInvalidEnv } = await import("@/lib/env");
  exitOnInvalidEnv("web");
  const { prepareDatabase } = await import("@/db/migrate");
  try {
    await prepareDatabase();
  } catch (error) {
    process.stderr.write(`PatchMon web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const { startJobsInWebProcessIfNeeded } = await import("@/workers/in-process");
  startJobsInWebProcessIfNeeded();
}
