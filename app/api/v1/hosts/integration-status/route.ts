// POST /api/v1/hosts/integration-status: accepted and ignored until integrations exist.

import { agentRoute } from "@/lib/agent/auth";
import { json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const POST = agentRoute(async () => json({ success: true }), { body: "ignore" });
