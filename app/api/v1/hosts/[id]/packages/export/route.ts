// GET /api/v1/hosts/:id/packages/export: one host's packages as CSV, pending security updates
// first. A host outside the caller's scope is 404 before anything is streamed.
import { csvResponse } from "@/lib/api/csv";
import { apiRoute } from "@/lib/api/route";
import { requireApiPermission } from "@/lib/auth/guard";
import type { HostRouteContext } from "@/lib/hosts/request";
import { exportHostPackagesFor } from "@/lib/packages/service";

export const dynamic = "force-dynamic";

const HEADER = [
  "name",
  "package_manager",
  "installed_version",
  "available_version",
  "needs_update",
  "security_update",
  "pending_since",
];

export function GET(request: Request, context: HostRouteContext): Promise<Response> {
  return apiRoute(async () => {
    const actor = await requireApiPermission("can_export_data");
    const { id } = await context.params;
    const { host, rows } = await exportHostPackagesFor(actor, id);
    const date = new Date().toISOString().slice(0, 10);
    return csvResponse(
      `${host.friendlyName}-packages-${date}.csv`,
      HEADER,
      (async function* () {
        for await (const row of rows) {
          yield [
            row.name,
            row.packageManager,
            row.currentVersion,
            row.availableVersion,
            row.needsUpdate,
            row.isSecurityUpdate,
            row.pendingSince ? new Date(row.pendingSince) : null,
          ];
        }
      })(),
    );
  })(request);
}
