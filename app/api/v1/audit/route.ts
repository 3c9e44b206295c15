// GET /api/v1/audit?action=&actor=<username>&search=&from=YYYY-MM-DD&to=YYYY-MM-DD&page=&pageSize=
// -> {rows, total, page, pageSize}, newest first. Needs can_manage_users or can_manage_settings.
import { apiRoute, json } from "@/lib/api/route";
import { requireApiPermission } from "@/lib/auth/guard";
import { listAuditLog } from "@/lib/users/audit-log";
import { queryOf } from "@/lib/users/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request) => {
  // Signed in here; listAuditLog decides between the two permissions that may read it.
  const actor = await requireApiPermission();
  return json(await listAuditLog(actor, queryOf(request)));
});
