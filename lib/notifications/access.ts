// Notification channels, rules, "send test" and the delivery log as the settings pages use them:
// all of it needs can_manage_settings, every change is audited, and channels leave here masked.

import { listHostGroupOptions } from "@/db/queries/roles";
import type { NotificationRule } from "@/db/schema";
import { auditBy, idOrNotFound, isUuid, type RequestMeta } from "@/lib/actor-audit";
import type { Actor } from "@/lib/auth/actor";
import { assertPermission } from "@/lib/auth/guard";
import { NotFoundError, PermissionError, ServiceError } from "@/lib/errors";
import { assertHostGroupsExist } from "@/lib/roles/host-groups";
import {
  type ChannelView,
  type CreateChannelInput,
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  maskSecret,
  type UpdateChannelInput,
  updateChannel,
} from "./channels";
import {
  createNotificationRule,
  type DeliveryLogRow,
  deleteNotificationRule,
  listDeliveries,
  listDeliveriesSchema,
  listNotificationRules,
  type RuleInput,
  ruleSchema,
  sendTest,
  updateNotificationRule,
} from "./service";

export type { ChannelView, DeliveryLogRow, RequestMeta };

function settingsAdmin(actor: Actor): void {
  assertPermission(actor, "can_manage_settings");
}

/**
 * Rules route alerts of any host (a rule with no groups covers the whole fleet) and the delivery
 * log shows them: both are for settings managers who see the whole fleet.
 */
function fleetWideSettingsAdmin(actor: Actor): void {
  settingsAdmin(actor);
  if (actor.hostGroupScope !== null) {
    throw new PermissionError(
      "Notification rules and the delivery log cover the whole fleet: they need an account not limited to host groups.",
    );
  }
}

export function listChannelsFor(actor: Actor): Promise<ChannelView[]> {
  settingsAdmin(actor);
  return listChannels();
}

export async function getChannelFor(actor: Actor, id: string): Promise<ChannelView> {
  settingsAdmin(actor);
  const channel = await getChannel(idOrNotFound(id, "Channel"));
  if (!channel) throw new NotFoundError("Channel not found.");
  return channel;
}

export async function createChannelFor(
  actor: Actor,
  input: CreateChannelInput,
  meta: RequestMeta = {},
): Promise<ChannelView> {
  settingsAdmin(actor);
  const channel = await createChannel(input, actor.userId);
  await auditBy(actor, meta, {
    action: "channel.created",
    target: { type: "notification_channel", id: channel.id },
    details: { name: channel.name, type: channel.type },
  });
  return channel;
}

export async function updateChannelFor(
  actor: Actor,
  id: string,
  input: UpdateChannelInput,
  meta: RequestMeta = {},
): Promise<ChannelView> {
  settingsAdmin(actor);
  const channel = await updateChannel(idOrNotFound(id, "Channel"), input, actor.userId);
  if (!channel) throw new NotFoundError("Channel not found.");
  await auditBy(actor, meta, {
    action: "channel.updated",
    target: { type: "notification_channel", id: channel.id },
    // Which fields changed, never their values (secrets among them).
    details: {
      name: channel.name,
      fields: [
        ...Object.keys(input).filter((key) => key !== "config" && key !== "secrets"),
        ...Object.keys(input.config ?? {}).map((key) => `config.${key}`),
        ...Object.entries(input.secrets ?? {})
          .filter(([, value]) => value !== "")
          .map(([key]) => `secrets.${key}`),
      ],
    },
  });
  return channel;
}

export async function deleteChannelFor(actor: Actor, id: string, meta: RequestMeta = {}): Promise<void> {
  const channel = await getChannelFor(actor, id);
  if (!(await deleteChannel(channel.id, actor.userId))) throw new NotFoundError("Channel not found.");
  await auditBy(actor, meta, {
    action: "channel.deleted",
    target: { type: "notification_channel", id: channel.id },
    details: { name: channel.name, type: channel.type },
  });
}

/** Queues a test message through the normal delivery path (it shows in the delivery log). */
export async function sendTestFor(
  actor: Actor,
  channelId: string,
  meta: RequestMeta = {},
): Promise<{ deliveryId: string }> {
  settingsAdmin(actor);
  const result = await sendTest(idOrNotFound(channelId, "Channel"), actor.userId);
  if (!result) throw new NotFoundError("Channel not found.");
  await auditBy(actor, meta, {
    action: "channel.tested",
    target: { type: "notification_channel", id: channelId },
    details: { deliveryId: result.deliveryId },
  });
  return result;
}

export function listRulesFor(actor: Actor): Promise<NotificationRule[]> {
  settingsAdmin(actor);
  return listNotificationRules();
}

/** The rule's channel and host groups must exist: a bad id is the form's mistake, not a 500. */
async function checkRuleReferences(input: Partial<RuleInput>): Promise<void> {
  if (input.channelId !== undefined && (!isUuid(input.channelId) || !(await getChannel(input.channelId)))) {
    throw new ServiceError("Choose an existing channel.", {
      fieldErrors: { channelId: ["No such channel"] },
    });
  }
  if (input.hostGroupIds) await assertHostGroupsExist(input.hostGroupIds.filter((id) => isUuid(id)));
}

export async function createRuleFor(
  actor: Actor,
  input: RuleInput,
  meta: RequestMeta = {},
): Promise<NotificationRule> {
  fleetWideSettingsAdmin(actor);
  const parsed = ruleSchema.parse(input);
  await checkRuleReferences(parsed);
  const rule = await createNotificationRule(parsed, actor.userId);
  await auditBy(actor, meta, {
    action: "rule.created",
    target: { type: "notification_rule", id: rule.id },
    details: { name: rule.name, channelId: rule.channelId },
  });
  return rule;
}

export async function updateRuleFor(
  actor: Actor,
  id: string,
  input: Partial<RuleInput>,
  meta: RequestMeta = {},
): Promise<NotificationRule> {
  fleetWideSettingsAdmin(actor);
  const parsed = ruleSchema.partial().parse(input);
  await checkRuleReferences(parsed);
  const rule = await updateNotificationRule(idOrNotFound(id, "Rule"), parsed, actor.userId);
  if (!rule) throw new NotFoundError("Rule not found.");
  await auditBy(actor, meta, {
    action: "rule.updated",
    target: { type: "notification_rule", id: rule.id },
    details: { name: rule.name, fields: Object.keys(input) },
  });
  return rule;
}

export async function deleteRuleFor(actor: Actor, id: string, meta: RequestMeta = {}): Promise<void> {
  fleetWideSettingsAdmin(actor);
  if (!(await deleteNotificationRule(idOrNotFound(id, "Rule"), actor.userId))) {
    throw new NotFoundError("Rule not found.");
  }
  await auditBy(actor, meta, { action: "rule.deleted", target: { type: "notification_rule", id } });
}

/** The delivery log; a URL in an error message (a webhook's, say) is masked like the channel's. */
export async function listDeliveriesFor(actor: Actor, input: unknown = {}) {
  fleetWideSettingsAdmin(actor);
  const page = await listDeliveries(listDeliveriesSchema.parse(input));
  return {
    ...page,
    rows: page.rows.map((row) => ({
      ...row,
      error: row.error?.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (url) => maskSecret(url)) ?? null,
    })),
  };
}

/** Host groups a rule can name (the actor's scope, if it has one). */
export async function listRuleHostGroupChoicesFor(actor: Actor): Promise<{ id: string; name: string }[]> {
  settingsAdmin(actor);
  const groups = await listHostGroupOptions();
  const scope = actor.hostGroupScope === null ? null : new Set(actor.hostGroupScope);
  return scope ? groups.filter((group) => scope.has(group.id)) : groups;
}
