// GET /api/v1/packages/export: the fleet's packages as CSV with the Packages page's filters
// (?search, pm, updates, security, host, group, sort, order), counted over the caller's scope,
// streamed a chunk at a time.
import { csvResponse } from "@/lib/api/csv";
import { apiRoute } from "@/lib/api/route";
import { parseWith } from "@/lib/api/validation";
import { requireApiPermission } from "@/lib/auth/guard";
import { listPackagesSchema } from "@/lib/packages/schemas";
import { exportPackagesFor } from "@/lib/packages/service";

export const dynamic = "force-dynamic";

const HEADER = [
  "name",
  "package_manager",
  "hosts",
  "hosts_needing_update",
  "security_updates",
  "description",
];

export const GET = apiRoute(async (request) => {
  const actor = await requireApiPermission("can_export_data");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = parseWith(listPackagesSchema, { ...params, search: params.q ?? params.search });
  const rows = await exportPackagesFor(actor, query);
  const date = new Date().toISOString().slice(0, 10);
  return csvResponse(
    `packages-${date}.csv`,
    HEADER,
    (async function* () {
      for await (const row of rows) {
        yield [
          row.name,
          row.packageManager,
          row.hostCount,
          row.updateCount,
          row.securityCount,
          row.description,
        ];
      }
    })(),
  );
});
