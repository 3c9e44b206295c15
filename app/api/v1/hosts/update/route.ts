// POST /api/v1/hosts/update: the report. Body limit AGENT_UPDATE_BODY_LIMIT (413), validation 400
// with issues, 409 when an unchanged-packages report does not match what the server holds.
import { getSettings } from "@/db/queries/settings";
import { agentRoute } from "@/lib/agent/auth";
import { crontabUpdate } from "@/lib/agent/commands";
import { HostNotFoundError, ingestReport } from "@/lib/agent/ingest";
import { reportHostLookup } from "@/lib/agent/ingest-delta";
import { agentReportSchema, reportIssues } from "@/lib/agent/report-schema";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, json } from "@/lib/api/route";
import { unproxiedRoute } from "@/lib/api/unproxied-route";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

export const POST = unproxiedRoute(
  agentRoute(
    async ({ agent, host, body, bodyBytes }) => {
      const parsed = agentReportSchema.safeParse(body);
      if (!parsed.success) {
        throw new ApiError("invalid_body", 400, "Invalid request body", {
          issues: reportIssues(parsed.error),
        });
      }
      let result: Awaited<ReturnType<typeof ingestReport>>;
      try {
        result = await ingestReport({
          hostId: agent.hostId,
          report: parsed.data,
          payloadBytes: bodyBytes,
          host: host.report,
        });
      } catch (error) {
        // Deleted between authentication and ingestion: its credentials no longer exist.
        if (error instanceof HostNotFoundError) {
          throw new ApiError("invalid_credentials", 401, "Invalid API credentials");
        }
        throw error;
      }
      if (result.outcome === "full-report-required") {
        throw new ApiError("full_report_required", 409, "full report required");
      }
      return json({
        message: "Host updated successfully",
        packagesProcessed: result.packagesProcessed,
        updatesAvailable: result.updatesAvailable,
        securityUpdates: result.securityUpdates,
        ...(result.crontabUpdate
          ? { crontabUpdate: crontabUpdate((await getSettings()).updateInterval) }
          : {}),
      });
    },
    { body: "required", bodyLimit: () => getEnv().bodyLimits.agentUpdateBytes, lookup: reportHostLookup },
  ),
);

// Other methods: the 405 Next would answer, with the headers proxy.ts would have added.
const notAllowed = unproxiedRoute(
  apiRoute(async () => {
    throw new ApiError("method_not_allowed", 405, "Method not allowed: reports are sent with POST", {
      headers: { Allow: "POST" },
    });
  }),
);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
