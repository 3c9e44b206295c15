"use server";

// The dashboard's actions: every signed-in user customises only their own layout.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import {
  dashboardLayoutSchema,
  resetDashboardLayoutFor,
  saveDashboardLayoutFor,
} from "@/lib/dashboard/preferences";

export const saveDashboardLayout = authorizedAction(null, dashboardLayoutSchema, async (input, actor) => {
  const layout = await saveDashboardLayoutFor(actor, input);
  revalidatePath("/");
  return layout;
});

export const resetDashboardLayout = authorizedAction(null, z.object({}), async (_input, actor) => {
  const layout = await resetDashboardLayoutFor(actor);
  revalidatePath("/");
  return layout;
});
