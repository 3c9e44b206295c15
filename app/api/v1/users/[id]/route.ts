// GET /api/v1/users/:id; PATCH {email?, firstName?, lastName?, roleId?, hostGroupIds?, isActive?};
// DELETE {confirm: "<username>"} (or ?confirm=<username>) -> 204
import { json } from "@/lib/api/route";
import { requireApiPermission } from "@/lib/auth/guard";
import { idRoute, queryOf, readJson, requestMeta } from "@/lib/users/http";
import { deleteUser, setUserActive } from "@/lib/users/lifecycle";
import { getUser, updateUser } from "@/lib/users/service";

export const dynamic = "force-dynamic";

export const GET = idRoute(async (_request, id) => {
  const actor = await requireApiPermission("can_view_users");
  return json(await getUser(actor, id));
});

export const PATCH = idRoute(async (request, id) => {
  const actor = await requireApiPermission("can_manage_users");
  const body = await readJson(request);
  const { isActive, ...changes } = (typeof body === "object" && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  const meta = requestMeta(request);
  let user = await updateUser(actor, id, changes, meta);
  if (typeof isActive === "boolean" && isActive !== user.isActive) {
    await setUserActive(actor, id, isActive, meta);
    user = await getUser(actor, id);
  }
  return json(user);
});

export const DELETE = idRoute(async (request, id) => {
  const actor = await requireApiPermission("can_manage_users");
  const body = await readJson(request, { optional: true });
  await deleteUser(actor, id, { ...queryOf(request), ...(body as object) }, requestMeta(request));
  return new Response(null, { status: 204 });
});
