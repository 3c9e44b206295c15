// GET /api/v1/users?search=&roleId=&status=&page=&pageSize= -> {rows, total, page, pageSize}
// POST /api/v1/users {username, email, firstName?, lastName?, roleId, password, hostGroupIds?} -> 201
import { apiRoute, json } from "@/lib/api/route";
import { requireApiPermission } from "@/lib/auth/guard";
import { queryOf, readJson, requestMeta } from "@/lib/users/http";
import { createUser, listUsers } from "@/lib/users/service";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request) => {
  const actor = await requireApiPermission("can_view_users");
  return json(await listUsers(actor, queryOf(request)));
});

export const POST = apiRoute(async (request) => {
  const actor = await requireApiPermission("can_manage_users");
  const user = await createUser(actor, await readJson(request), requestMeta(request));
  return json(user, { status: 201 });
});
