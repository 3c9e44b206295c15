// GET /api/v1/hosts/integrations: none exist yet.

import { agentRoute } from "@/lib/agent/auth";
import { json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = agentRoute(async () =>
  json({ success: true, integrations: { docker: false, compliance: false } }),
);
