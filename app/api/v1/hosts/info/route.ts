// GET /api/v1/hosts/info: what the server knows about the calling host (never its key hash).
import { getHostById } from "@/db/queries/hosts";
import { agentRoute } from "@/lib/agent/auth";
import { ApiError } from "@/lib/api/errors";
import { json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = agentRoute(async ({ agent }) => {
  const host = await getHostById(agent.hostId);
  if (!host) throw new ApiError("invalid_credentials", 401, "Invalid API credentials");
  return json({
    id: host.id,
    friendly_name: host.friendlyName,
    hostname: host.hostname,
    ip: host.ip,
    os_type: host.osType,
    os_version: host.osVersion,
    architecture: host.architecture,
    last_update: host.lastReportAt?.toISOString() ?? null,
    status: host.status,
    created_at: host.createdAt.toISOString(),
    api_id: host.apiId,
  });
});
