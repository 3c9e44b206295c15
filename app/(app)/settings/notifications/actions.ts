"use server";

// Notification settings actions: thin wrappers over lib/notifications/access (permission checks,
// audit, masking live there).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import {
  createChannelFor,
  createRuleFor,
  deleteChannelFor,
  deleteRuleFor,
  sendTestFor,
  updateChannelFor,
  updateRuleFor,
} from "@/lib/notifications/access";
import type { CreateChannelInput } from "@/lib/notifications/channels";
import type { RuleInput } from "@/lib/notifications/service";
import { channelParts, ruleParts } from "./form-input";

const PERMISSION = "can_manage_settings";
const form = z.looseObject({});
const channel = z.object({ channelId: z.string().min(1) });
const rule = z.object({ ruleId: z.string().min(1) });
const flag = z.enum(["true", "false"]).transform((value) => value === "true");

function refresh() {
  revalidatePath("/settings/notifications");
}

export const createChannelAction = authorizedAction(PERMISSION, form, async (raw, actor) => {
  const { config, secrets, enabled } = channelParts(raw, false);
  const input = { type: raw.type, name: raw.name, enabled: enabled ?? true, config, secrets };
  const created = await createChannelFor(actor, input as CreateChannelInput, await getRequestContext());
  refresh();
  return { name: created.name };
});

export const updateChannelAction = authorizedAction(PERMISSION, form, async (raw, actor) => {
  const { config, secrets } = channelParts(raw, true);
  const name = typeof raw.name === "string" ? raw.name : undefined;
  const updated = await updateChannelFor(
    actor,
    String(raw.channelId ?? ""),
    { name, config, secrets },
    await getRequestContext(),
  );
  refresh();
  return { name: updated.name };
});

export const setChannelEnabledAction = authorizedAction(
  PERMISSION,
  channel.extend({ enabled: flag }),
  async (input, actor) => {
    await updateChannelFor(actor, input.channelId, { enabled: input.enabled }, await getRequestContext());
    refresh();
    return { enabled: input.enabled };
  },
);

export const deleteChannelAction = authorizedAction(PERMISSION, channel, async (input, actor) => {
  await deleteChannelFor(actor, input.channelId, await getRequestContext());
  refresh();
  return null;
});

export const sendTestAction = authorizedAction(PERMISSION, channel, async (input, actor) => {
  const result = await sendTestFor(actor, input.channelId, await getRequestContext());
  refresh();
  return result;
});

export const createRuleAction = authorizedAction(PERMISSION, form, async (raw, actor) => {
  const created = await createRuleFor(actor, ruleParts(raw) as RuleInput, await getRequestContext());
  refresh();
  return { name: created.name };
});

export const updateRuleAction = authorizedAction(PERMISSION, form, async (raw, actor) => {
  const changes = ruleParts(raw) as RuleInput;
  const updated = await updateRuleFor(actor, String(raw.ruleId ?? ""), changes, await getRequestContext());
  refresh();
  return { name: updated.name };
});

export const setRuleEnabledAction = authorizedAction(
  PERMISSION,
  rule.extend({ enabled: flag }),
  async (input, actor) => {
    await updateRuleFor(actor, input.ruleId, { enabled: input.enabled }, await getRequestContext());
    refresh();
    return { enabled: input.enabled };
  },
);

export const deleteRuleAction = authorizedAction(PERMISSION, rule, async (input, actor) => {
  await deleteRuleFor(actor, input.ruleId, await getRequestContext());
  refresh();
  return null;
});
