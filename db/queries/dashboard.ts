// Statements of the dashboard: one user's stored card layout.
import { eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { type DashboardLayout, dashboardPreferences } from "@/db/schema";

export async function getDashboardLayout(
  userId: string,
  db: Executor = getDb(),
): Promise<unknown | undefined> {
  const [row] = await db
    .select({ layout: dashboardPreferences.layout })
    .from(dashboardPreferences)
    .where(eq(dashboardPreferences.userId, userId))
    .limit(1);
  // Stored JSON is validated by the caller: it may predate the current card list.
  return row?.layout;
}

export async function upsertDashboardLayout(
  userId: string,
  layout: DashboardLayout,
  db: Executor = getDb(),
): Promise<void> {
  await db
    .insert(dashboardPreferences)
    .values({ userId, layout })
    .onConflictDoUpdate({ target: dashboardPreferences.userId, set: { layout, updatedAt: new Date() } });
}

export async function deleteDashboardLayout(userId: string, db: Executor = getDb()): Promise<void> {
  await db.delete(dashboardPreferences).where(eq(dashboardPreferences.userId, userId));
}
