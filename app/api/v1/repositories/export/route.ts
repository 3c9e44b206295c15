// GET /api/v1/repositories/export: the repositories the caller's hosts use, as CSV, with the
// Repositories page's filters (?search, type, secure, enabled, sort, order), streamed.
import { csvResponse } from "@/lib/api/csv";
import { apiRoute } from "@/lib/api/route";
import { parseWith } from "@/lib/api/validation";
import { requireApiPermission } from "@/lib/auth/guard";
import { listRepositoriesSchema } from "@/lib/repositories/schemas";
import { exportRepositoriesFor } from "@/lib/repositories/service";

export const dynamic = "force-dynamic";

const HEADER = ["name", "type", "url", "distribution", "components", "secure", "hosts", "enabled_on_hosts"];

export const GET = apiRoute(async (request) => {
  const actor = await requireApiPermission("can_export_data");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = parseWith(listRepositoriesSchema, { ...params, search: params.q ?? params.search });
  const rows = await exportRepositoriesFor(actor, query);
  const date = new Date().toISOString().slice(0, 10);
  return csvResponse(
    `repositories-${date}.csv`,
    HEADER,
    (async function* () {
      for await (const row of rows) {
        yield [
          row.name,
          row.repoType,
          row.url,
          row.distribution,
          row.components,
          row.isSecure,
          row.hostCount,
          row.enabledHostCount,
        ];
      }
    })(),
  );
});
