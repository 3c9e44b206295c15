// GET /api/v1/hosts/install: the installer for one host, with a one-time bootstrap token in place
// of the key. Authenticated by the key headers (PatchMon's install command), or by a bootstrap
// token (X-Bootstrap-Token, the command host:create prints), which is embedded as it is.
import { getSettings } from "@/db/queries/settings";
import { agentRoute } from "@/lib/agent/auth";
import { issueBootstrapToken, peekBootstrapToken } from "@/lib/agent/enrolment";
import {
  curlFlags,
  loadScript,
  renderInstaller,
  resolveServerUrl,
  SCRIPT_NAMES,
  shellScriptResponse,
  UnsafeScriptValueError,
} from "@/lib/agent/install-script";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { enforceRateLimit } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

async function render(request: Request, bootstrapToken: string): Promise<Response> {
  const template = await loadScript(SCRIPT_NAMES.installer);
  if (!template) throw new ApiError("script_missing", 404, "Installation script not found");
  const settings = await getSettings();
  const params = new URL(request.url).searchParams;
  const arch = params.get("arch") ?? "";
  const serverUrl = resolveServerUrl(settings);
  try {
    const script = renderInstaller(template.content, {
      serverUrl,
      curlFlags: curlFlags(settings),
      bootstrapToken,
      force: params.get("force") === "true",
      architecture: /^[A-Za-z0-9_-]{0,32}$/.test(arch) ? arch : "",
    });
    return shellScriptResponse(script, SCRIPT_NAMES.installer);
  } catch (error) {
    if (!(error instanceof UnsafeScriptValueError)) throw error;
    // A server misconfiguration, not the agent's fault: say which setting to fix.
    throw new ApiError(
      "server_url_unusable",
      500,
      "The server URL (SERVER_PROTOCOL/SERVER_HOST/SERVER_PORT or the server settings) cannot be used in the install script",
    );
  }
}

const byKey = agentRoute(async ({ request, agent }) =>
  render(request, await issueBootstrapToken(agent.hostId)),
);

export const GET = apiRoute(async (request) => {
  const token = request.headers.get("x-bootstrap-token")?.trim();
  if (!token) return byKey(request);
  const host = await peekBootstrapToken(token);
  if (!host) throw new ApiError("invalid_bootstrap_token", 401, "Invalid or expired bootstrap token");
  await enforceRateLimit("agent", host.apiId);
  return render(request, token);
});
