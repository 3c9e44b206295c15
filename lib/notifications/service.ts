// Rules, "send test" and the delivery log for the Notifications settings page. Authorization is
// the caller's; actorUserId is accepted for symmetry and future auditing.
import { z } from "zod";
import * as q from "@/db/queries/notifications";
import type { NotificationDelivery, NotificationRule } from "@/db/schema";
import { ALERT_SEVERITIES, DELIVERY_STATUSES } from "@/db/schema/enums";
import { ALERT_KINDS } from "@/lib/alerts/types";
import { getChannel } from "./channels";
import { queueTestMessage } from "./dispatch";

export const ruleSchema = z.object({
  name: z.string().trim().min(1).max(100),
  channelId: z.uuid(),
  alertTypes: z.array(z.enum(ALERT_KINDS)).default([]),
  minSeverity: z.enum(ALERT_SEVERITIES).default("warning"),
  hostGroupIds: z.array(z.uuid()).default([]),
  // Null: send each alert at once; otherwise at most one summary per N minutes.
  digestMinutes: z.number().int().min(5).max(10_080).nullable().default(null),
  enabled: z.boolean().default(true),
});
export type RuleInput = z.input<typeof ruleSchema>;

export function listNotificationRules(): Promise<NotificationRule[]> {
  return q.listRules();
}

export function createNotificationRule(
  input: RuleInput,
  _actorUserId: string | null,
): Promise<NotificationRule> {
  return q.insertRule(ruleSchema.parse(input));
}

export async function updateNotificationRule(
  id: string,
  input: Partial<RuleInput>,
  _actorUserId: string | null,
): Promise<NotificationRule | null> {
  return (await q.updateRule(z.uuid().parse(id), ruleSchema.partial().parse(input))) ?? null;
}

export function deleteNotificationRule(id: string, _actorUserId: string | null): Promise<boolean> {
  return q.deleteRule(z.uuid().parse(id));
}

/** Queues a test message through the normal delivery path; null when the channel does not exist. */
export async function sendTest(
  channelId: string,
  _actorUserId: string | null = null,
): Promise<{ deliveryId: string } | null> {
  const channel = await getChannel(channelId);
  if (!channel) return null;
  return { deliveryId: await queueTestMessage(channel) };
}

export const listDeliveriesSchema = z.object({
  channelId: z.uuid().optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type DeliveryLogRow = Omit<NotificationDelivery, "payload"> & {
  channelName: string;
  title: string | null;
};

/** The delivery log, newest first, paginated in SQL. */
export async function listDeliveries(
  input: z.input<typeof listDeliveriesSchema> = {},
): Promise<{ rows: DeliveryLogRow[]; total: number; page: number; pageSize: number }> {
  const filter = listDeliveriesSchema.parse(input);
  const { rows, total } = await q.listDeliveryRows({
    channelId: filter.channelId,
    status: filter.status,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return {
    rows: rows.map(({ payload, ...row }) => ({
      ...row,
      title: typeof payload?.title === "string" ? payload.title : null,
    })),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
