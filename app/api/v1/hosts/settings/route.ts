// GET /api/v1/hosts/settings -> {auto_update, host_auto_update}
import { getHostById } from "@/db/queries/hosts";
import { getSettings } from "@/db/queries/settings";
import { agentRoute } from "@/lib/agent/auth";
import { json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = agentRoute(async ({ agent }) => {
  const [settings, host] = await Promise.all([getSettings(), getHostById(agent.hostId)]);
  return json({ auto_update: settings.autoUpdate, host_auto_update: host?.autoUpdate ?? false });
});
