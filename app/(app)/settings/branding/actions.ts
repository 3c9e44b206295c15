"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import { BRANDING_KINDS, resetBrandingFor, uploadBrandingFor } from "@/lib/settings/branding";

const kind = z.enum(BRANDING_KINDS, { error: "Unknown image." });

function refresh() {
  // The logo appears in the shell of every page.
  revalidatePath("/", "layout");
}

export const uploadBrandingAction = authorizedAction(
  "can_manage_settings",
  z.object({ kind, file: z.unknown() }),
  async (input, actor) => {
    const file = input.file instanceof Blob ? input.file : null;
    const state = await uploadBrandingFor(actor, input.kind, file, await getRequestContext());
    refresh();
    return { kind: input.kind, version: state[input.kind] };
  },
);

export const resetBrandingAction = authorizedAction(
  "can_manage_settings",
  z.object({ kind }),
  async (input, actor) => {
    await resetBrandingFor(actor, input.kind, await getRequestContext());
    refresh();
    return { kind: input.kind };
  },
);
