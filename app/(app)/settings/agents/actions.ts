"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import { updateAgentSettings } from "@/lib/settings/service";

export const updateAgentSettingsAction = authorizedAction(
  "can_manage_settings",
  z.looseObject({}),
  async (input, actor) => {
    const result = await updateAgentSettings(actor, input, await getRequestContext());
    revalidatePath("/settings/agents");
    return { updateInterval: result.updateInterval, hostsNotified: result.hostsNotified };
  },
);
