// POST /api/v1/hosts/:id/credentials: a new API key for the host (the old one stops working at
// once) and a fresh install command; the key is in this answer only.
import { apiRoute, json } from "@/lib/api/route";
import { requireApiPermission } from "@/lib/auth/guard";
import { type HostRouteContext, requestMeta } from "@/lib/hosts/request";
import { regenerateCredentialsFor } from "@/lib/hosts/service";

export const dynamic = "force-dynamic";

export function POST(request: Request, context: HostRouteContext): Promise<Response> {
  return apiRoute(async () => {
    const actor = await requireApiPermission("can_manage_hosts");
    const { id } = await context.params;
    return json(await regenerateCredentialsFor(actor, id, requestMeta(request)));
  })(request);
}
