// GET /api/v1/roles/:id; PATCH {name?, description?, permissions?, hostGroupIds?}; DELETE -> 204.
// Built-in roles answer 400 to changes; a role still held by users answers 409.
import { json } from "@/lib/api/route";
import { requireApiPermission } from "@/lib/auth/guard";
import { deleteRole, getRole, updateRole } from "@/lib/roles/service";
import { idRoute, readJson, requestMeta } from "@/lib/users/http";

export const dynamic = "force-dynamic";

export const GET = idRoute(async (_request, id) => {
  const actor = await requireApiPermission("can_view_users");
  return json(await getRole(actor, id));
});

export const PATCH = idRoute(async (request, id) => {
  const actor = await requireApiPermission("can_manage_users");
  return json(await updateRole(actor, id, await readJson(request), requestMeta(request)));
});

export const DELETE = idRoute(async (request, id) => {
  const actor = await requireApiPermission("can_manage_users");
  await deleteRole(actor, id, requestMeta(request));
  return new Response(null, { status: 204 });
});
