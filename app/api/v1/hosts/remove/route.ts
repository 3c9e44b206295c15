// GET /api/v1/hosts/remove: the removal script (no credentials: it contains none).

import { loadScript, SCRIPT_NAMES, shellScriptResponse } from "@/lib/agent/install-script";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const script = await loadScript(SCRIPT_NAMES.remover);
  if (!script) throw new ApiError("script_missing", 404, "Removal script not found");
  return shellScriptResponse(script.content, SCRIPT_NAMES.remover);
});
