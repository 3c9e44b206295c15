"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import { updateServerSettings } from "@/lib/settings/service";

export const updateServerSettingsAction = authorizedAction(
  "can_manage_settings",
  z.looseObject({}),
  async (input, actor) => {
    const result = await updateServerSettings(actor, input, await getRequestContext());
    revalidatePath("/settings/server");
    return { serverUrl: result.serverUrl };
  },
);
