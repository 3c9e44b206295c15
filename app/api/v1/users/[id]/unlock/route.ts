// POST /api/v1/users/:id/unlock -> 204: clears a login or TFA lockout.
import { requireApiPermission } from "@/lib/auth/guard";
import { unlockUserAccount } from "@/lib/users/account";
import { idRoute, requestMeta } from "@/lib/users/http";

export const dynamic = "force-dynamic";

export const POST = idRoute(async (request, id) => {
  const actor = await requireApiPermission("can_manage_users");
  await unlockUserAccount(actor, id, requestMeta(request));
  return new Response(null, { status: 204 });
});
