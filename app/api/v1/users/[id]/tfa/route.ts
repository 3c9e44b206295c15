// DELETE /api/v1/users/:id/tfa -> 204: resets two-factor (secret, backup codes, remembered devices).
import { requireApiPermission } from "@/lib/auth/guard";
import { resetUserTfa } from "@/lib/users/account";
import { idRoute, requestMeta } from "@/lib/users/http";

export const dynamic = "force-dynamic";

export const DELETE = idRoute(async (request, id) => {
  const actor = await requireApiPermission("can_manage_users");
  await resetUserTfa(actor, id, requestMeta(request));
  return new Response(null, { status: 204 });
});
