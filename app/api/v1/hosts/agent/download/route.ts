// GET /api/v1/hosts/agent/download[?arch=&os=]: the shell agent (the same for every architecture),
// byte for byte what /hosts/agent/version hashes.

import { agentRoute } from "@/lib/agent/auth";
import { loadScript, SCRIPT_NAMES, shellScriptResponse } from "@/lib/agent/install-script";
import { ApiError } from "@/lib/api/errors";

export const dynamic = "force-dynamic";

export const GET = agentRoute(async () => {
  const script = await loadScript(SCRIPT_NAMES.agent);
  if (!script) throw new ApiError("script_missing", 404, "Agent script not found");
  return shellScriptResponse(script.content, SCRIPT_NAMES.agent, "attachment");
});
