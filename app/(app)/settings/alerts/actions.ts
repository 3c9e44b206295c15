"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateAlertSettingsFor } from "@/lib/alerts/access";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";

// One type's row of the form: thresholds arrive as "threshold.<name>" fields.
const row = z.looseObject({ type: z.string(), severity: z.string(), enabled: z.string().optional() });

export const updateAlertSettingAction = authorizedAction("can_manage_settings", row, async (raw, actor) => {
  const thresholds: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith("threshold.") && typeof value === "string" && value !== "") {
      thresholds[key.slice(10)] = Number(value);
    }
  }
  await updateAlertSettingsFor(
    actor,
    { type: raw.type as never, severity: raw.severity as never, enabled: raw.enabled === "on", thresholds },
    await getRequestContext(),
  );
  revalidatePath("/settings/alerts");
  return { type: raw.type };
});
