// Shared by the alert and notification tests: hosts with a given last contact, the alerts of a
// host, and a worker process on this file's Redis prefix.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { alerts, hosts } from "@/db/schema";
import { collect, spawnEntry, waitFor } from "./processes";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

export async function addContactedHost(minutesSinceContact = 0) {
  const at = new Date(Date.now() - minutesSinceContact * 60_000);
  const [host] = await getDb()
    .insert(hosts)
    .values({
      apiId: `patchmon_${hex(8)}`,
      apiKeyHash: hex(32),
      friendlyName: `host-${hex(3)}`,
      status: "active",
      lastContactAt: at,
      lastReportAt: at,
    })
    .returning();
  if (!host) throw new Error("host insert failed");
  return host;
}

/** Moves the host's last contact back in time (ages are set in the database, never slept). */
export async function setLastContact(hostId: string, minutesAgo: number): Promise<void> {
  await getDb()
    .update(hosts)
    .set({ lastContactAt: new Date(Date.now() - minutesAgo * 60_000) })
    .where(eq(hosts.id, hostId));
}

export async function hostStatus(hostId: string): Promise<string | undefined> {
  const [row] = await getDb().select({ status: hosts.status }).from(hosts).where(eq(hosts.id, hostId));
  return row?.status;
}

export function alertsOf(hostId: string, type?: string) {
  return getDb()
    .select()
    .from(alerts)
    .where(and(eq(alerts.hostId, hostId), type ? eq(alerts.type, type) : undefined))
    .orderBy(alerts.createdAt);
}

/** Starts `workers/index.ts` against this file's database and Redis prefix; resolves once it is up. */
export async function startWorker(redisUrl: string, extra: Record<string, string> = {}) {
  const child = spawnEntry("workers/index.ts", [], {
    DATABASE_URL: process.env.DATABASE_URL,
    JWT_SECRET: process.env.JWT_SECRET,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX,
    PATCHMON_DATA_DIR: process.env.PATCHMON_DATA_DIR,
    PM_LOG_TO_CONSOLE: "true",
    ...extra,
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = collect(child);
  await waitFor(async () => output.includes("worker started"), 60_000);
  return {
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
