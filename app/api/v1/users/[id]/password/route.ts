// POST /api/v1/users/:id/password {password} -> {revokedSessions}: an administrator sets a new
// password; every session of that user ends.
import { json } from "@/lib/api/route";
import { requireApiPermission } from "@/lib/auth/guard";
import { resetUserPassword } from "@/lib/users/account";
import { idRoute, readJson, requestMeta } from "@/lib/users/http";

export const dynamic = "force-dynamic";

export const POST = idRoute(async (request, id) => {
  const actor = await requireApiPermission("can_manage_users");
  return json(await resetUserPassword(actor, id, await readJson(request), requestMeta(request)));
});
