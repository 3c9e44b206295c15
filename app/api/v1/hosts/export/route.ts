// GET /api/v1/hosts/export: the caller's hosts as CSV, with the Hosts page's filters and sort
// (?q, group, status, os, updates, security, reboot, stale, sort, order) or a selection (?ids=a,b).
import { csvResponse } from "@/lib/api/csv";
import { apiRoute } from "@/lib/api/route";
import { parseWith } from "@/lib/api/validation";
import { requireApiPermission } from "@/lib/auth/guard";
import { exportHostRowsFor, HOST_EXPORT_HEADER } from "@/lib/hosts/export";
import { hostListInputFromParams, listHostsSchema } from "@/lib/hosts/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request) => {
  const actor = await requireApiPermission("can_export_data");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = parseWith(listHostsSchema, hostListInputFromParams(params));
  const rows = exportHostRowsFor(actor, query);
  const stamp = new Date().toISOString().slice(0, 10);
  return csvResponse(`hosts-${stamp}.csv`, HOST_EXPORT_HEADER, rows);
});
