import { eq, sql } from "drizzle-orm";
import { type Executor, executeRows, getDb } from "@/db/client";
import { agentCommands, hosts, type Settings, settings } from "@/db/schema";

/** The settings singleton (row id 1, created by migration; recreated here if someone deleted it). */
export async function getSettings(db: Executor = getDb()): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1)).limit(1);
  if (row) return row;
  const [created] = await db.insert(settings).values({ id: 1 }).onConflictDoNothing().returning();
  if (created) return created;
  const [again] = await db.select().from(settings).where(eq(settings.id, 1)).limit(1);
  if (!again) throw new Error("settings row is missing");
  return again;
}

export type SettingsChanges = Partial<
  Pick<
    Settings,
    | "serverProtocol"
    | "serverHost"
    | "serverPort"
    | "updateInterval"
    | "autoUpdate"
    | "ignoreSslSelfSigned"
    | "logoLight"
    | "logoDark"
    | "favicon"
  >
>;

/** Writes the given columns of the singleton and returns the row as it now is. */
export async function updateSettings(changes: SettingsChanges, db: Executor = getDb()): Promise<Settings> {
  await getSettings(db);
  const [row] = await db
    .update(settings)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(settings.id, 1))
    .returning();
  if (!row) throw new Error("settings row is missing");
  return row;
}

/**
 * Queues "interval changed" for every host in one INSERT ... SELECT (a fleet of thousands is one
 * statement, not one per host); a command already queued is brought up to the new interval rather
 * than duplicated. Returns how many hosts now have one queued.
 */
export async function queueIntervalChangedForAllHosts(
  interval: number,
  createdByUserId: string | null,
  db: Executor = getDb(),
): Promise<number> {
  const rows = await executeRows<{ id: string }>(
    db,
    sql`insert into ${agentCommands} (host_id, type, payload, created_by_user_id)
      select ${hosts.id}, 'interval_changed', ${JSON.stringify({ updateInterval: interval })}::jsonb, ${createdByUserId}::uuid
      from ${hosts}
      on conflict (host_id, type) where status = 'queued'
      do update set payload = excluded.payload, created_at = now()
      returning id`,
  );
  return rows.length;
}
