"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import { ServiceError } from "@/lib/errors";
import {
  createEnrolmentTokenFor,
  deleteEnrolmentTokenFor,
  setEnrolmentTokenEnabledFor,
} from "@/lib/settings/enrolment";

const target = z.object({ tokenId: z.string().min(1) });

function refresh() {
  revalidatePath("/settings/enrolment");
}

// The secret leaves the server here, once, for the dialog that shows it.
export const createEnrolmentTokenAction = authorizedAction(
  "can_manage_settings",
  z.looseObject({}),
  async (input, actor) => {
    const created = await createEnrolmentTokenFor(actor, input, await getRequestContext());
    refresh();
    return {
      name: created.token.name,
      tokenKey: created.token.tokenKey,
      secret: created.secret,
      commands: created.commands,
    };
  },
);

export const setEnrolmentTokenEnabledAction = authorizedAction(
  "can_manage_settings",
  target.extend({ enabled: z.enum(["true", "false"]) }),
  async ({ tokenId, enabled }, actor) => {
    const token = await setEnrolmentTokenEnabledFor(
      actor,
      tokenId,
      enabled === "true",
      await getRequestContext(),
    );
    refresh();
    return { name: token.name, enabled: token.isActive };
  },
);

export const deleteEnrolmentTokenAction = authorizedAction(
  "can_manage_settings",
  target.extend({ name: z.string(), confirm: z.string() }),
  async ({ tokenId, name, confirm }, actor) => {
    if (confirm.trim() !== name) {
      throw new ServiceError("Type the token's name to confirm.", {
        fieldErrors: { confirm: [`Type ${name} to confirm.`] },
      });
    }
    await deleteEnrolmentTokenFor(actor, tokenId, await getRequestContext());
    refresh();
    return null;
  },
);
