// GET /api/v1/settings/auto-update -> {autoUpdate}
import { getSettings } from "@/db/queries/settings";
import { agentRoute } from "@/lib/agent/auth";
import { json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = agentRoute(async () => json({ autoUpdate: (await getSettings()).autoUpdate }));
