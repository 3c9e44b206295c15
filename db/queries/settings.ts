import { eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { type Settings, settings } from "@/db/schema";

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
