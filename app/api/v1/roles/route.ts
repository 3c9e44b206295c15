// GET /api/v1/roles -> {roles: [...]}; POST {name, description?, permissions[], hostGroupIds?} -> 201
import { apiRoute, json } from "@/lib/api/route";
import { requireApiPermission } from "@/lib/auth/guard";
import { createRole, listRoles } from "@/lib/roles/service";
import { readJson, requestMeta } from "@/lib/users/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const actor = await requireApiPermission("can_view_users");
  return json({ roles: await listRoles(actor) });
});

export const POST = apiRoute(async (request) => {
  const actor = await requireApiPermission("can_manage_users");
  return json(await createRole(actor, await readJson(request), requestMeta(request)), { status: 201 });
});
