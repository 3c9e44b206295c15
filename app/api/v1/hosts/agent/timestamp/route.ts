// GET /api/v1/hosts/agent/timestamp: when the served agent script last changed.

import { agentRoute } from "@/lib/agent/auth";
import { loadScript, SCRIPT_NAMES } from "@/lib/agent/install-script";
import { json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = agentRoute(async () => {
  const script = await loadScript(SCRIPT_NAMES.agent);
  if (!script) return json({ version: null, lastModified: null, timestamp: null, exists: false });
  return json({
    version: script.version,
    lastModified: script.mtime.toISOString(),
    timestamp: Math.floor(script.mtime.getTime() / 1000),
    exists: true,
  });
});
