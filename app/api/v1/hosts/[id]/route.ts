// GET /api/v1/hosts/:id: one host of the caller's scope. DELETE: remove it with its packages,
// reports and commands. An id that is not a uuid, or a host outside the scope, is 404. The agent
// protocol's static routes beside this folder (install, ping, update, ...) take precedence.
import { apiRoute, json } from "@/lib/api/route";
import { requireApiPermission } from "@/lib/auth/guard";
import { type HostRouteContext, requestMeta } from "@/lib/hosts/request";
import { deleteHostFor, getHostFor } from "@/lib/hosts/service";

export const dynamic = "force-dynamic";

export function GET(request: Request, context: HostRouteContext): Promise<Response> {
  return apiRoute(async () => {
    const actor = await requireApiPermission("can_view_hosts");
    const { id } = await context.params;
    return json(await getHostFor(actor, id));
  })(request);
}

export function DELETE(request: Request, context: HostRouteContext): Promise<Response> {
  return apiRoute(async () => {
    const actor = await requireApiPermission("can_manage_hosts");
    const { id } = await context.params;
    return json({ deleted: await deleteHostFor(actor, id, requestMeta(request)) });
  })(request);
}
