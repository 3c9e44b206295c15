// GET /api/v1/hosts: the caller's hosts, paginated (?search, status, group, sort, order, page,
// pageSize). POST: create a host; the answer carries its API key and install command once.
// Session-authenticated REST for the UI; the agent protocol lives in the static routes beside this.
import { readJsonBody } from "@/lib/api/body";
import { apiRoute, json } from "@/lib/api/route";
import { parseWith } from "@/lib/api/validation";
import { requireApiPermission } from "@/lib/auth/guard";
import { requestMeta } from "@/lib/hosts/request";
import { createHostSchema, listHostsSchema } from "@/lib/hosts/schemas";
import { createHostFor, listHostsFor } from "@/lib/hosts/service";

export const dynamic = "force-dynamic";

const BODY_LIMIT = 16 * 1024;

export const GET = apiRoute(async (request) => {
  const actor = await requireApiPermission("can_view_hosts");
  const query = parseWith(listHostsSchema, Object.fromEntries(new URL(request.url).searchParams));
  return json(await listHostsFor(actor, query));
});

export const POST = apiRoute(async (request) => {
  const actor = await requireApiPermission("can_manage_hosts");
  const input = parseWith(createHostSchema, (await readJsonBody(request, BODY_LIMIT)).value);
  return json(await createHostFor(actor, input, requestMeta(request)), { status: 201 });
});
