// The Audit page and /api/v1/audit: the log, newest first, filtered and paginated in SQL.
// Either user or settings administrators may read it (both look after the system's security).
import { z } from "zod";
import { type AuditPage, listAuditEntries } from "@/db/queries/audit";
import { getUserIdByUsername } from "@/db/queries/user-admin";
import type { Actor } from "@/lib/auth/actor";
import { hasPermission } from "@/lib/auth/guard";
import { PermissionError } from "@/lib/errors";

const text = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);

/** A calendar day (YYYY-MM-DD, UTC; as an end, through the end of that day) or a full timestamp. */
function dateParam(endOfDay: boolean) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const bareDay = /^\d{4}-\d{2}-\d{2}$/.test(value);
      const date = new Date(bareDay ? `${value}T00:00:00Z` : value);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: "must be a date (YYYY-MM-DD)" });
        return z.NEVER;
      }
      return bareDay && endOfDay ? new Date(date.getTime() + 86_399_999) : date;
    });
}

export const auditQuerySchema = z.object({
  action: text,
  actor: text,
  search: text,
  from: dateParam(false),
  to: dateParam(true),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(50),
});

export function canReadAudit(actor: Actor): boolean {
  return hasPermission(actor, "can_manage_users") || hasPermission(actor, "can_manage_settings");
}

export type AuditLogPage = AuditPage & { page: number; pageSize: number };

export async function listAuditLog(actor: Actor, input: unknown = {}): Promise<AuditLogPage> {
  if (!canReadAudit(actor)) throw new PermissionError();
  const query = auditQuerySchema.parse(input);
  const page = { page: query.page, pageSize: query.pageSize };
  let actorUserId: string | undefined;
  if (query.actor) {
    actorUserId = await getUserIdByUsername(query.actor);
    if (!actorUserId) return { rows: [], total: 0, ...page };
  }
  const result = await listAuditEntries(
    { action: query.action, actorUserId, search: query.search, from: query.from, to: query.to },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { ...result, ...page };
}
