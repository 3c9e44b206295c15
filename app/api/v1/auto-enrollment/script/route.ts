// GET /api/v1/auto-enrollment/script?type=proxmox-lxc|direct-host: an enrolment script. It holds no
// credentials (the caller passes the token in the environment), so it needs none to fetch.
import { ENROLMENT_SCRIPTS, type EnrolmentScriptType } from "@/lib/agent/enrolment-commands";
import { loadScript, shellScriptResponse } from "@/lib/agent/install-script";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request) => {
  const type = new URL(request.url).searchParams.get("type") ?? "";
  if (!Object.hasOwn(ENROLMENT_SCRIPTS, type)) {
    throw new ApiError("invalid_script_type", 400, "type must be proxmox-lxc or direct-host");
  }
  const name = ENROLMENT_SCRIPTS[type as EnrolmentScriptType];
  const script = await loadScript(name);
  if (!script) throw new ApiError("script_missing", 404, "Enrolment script not found");
  return shellScriptResponse(script.content, name);
});
