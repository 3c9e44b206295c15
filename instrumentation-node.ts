// Web process start-up (Node.js runtime only): validate the configuration, wait for and migrate
// the database, and host the jobs when there is no Redis. Runs before the server takes requests.
import { prepareDatabase } from "@/db/migrate";
import { exitOnInvalidEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { startJobsInWebProcessIfNeeded } from "@/workers/in-process";

exitOnInvalidEnv("web");
try {
  await prepareDatabase();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  getLogger("web").fatal({ error: message }, "database not ready; stopping");
  process.stderr.write(`PatchMon web: ${message}\n`);
  process.exit(1);
}
startJobsInWebProcessIfNeeded();
