// GET /api/v1/hosts/agent/version[?arch&os&type&currentVersion]
import { getHostById } from "@/db/queries/hosts";
import { getSettings } from "@/db/queries/settings";
import { agentRoute } from "@/lib/agent/auth";
import { compareVersions, loadScript, resolveServerUrl, SCRIPT_NAMES } from "@/lib/agent/install-script";
import { ApiError } from "@/lib/api/errors";
import { json } from "@/lib/api/route";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

// Agent kinds this server can update. A PatchMon 1.4 Go agent (type=go) is told there is nothing
// to install: replacing its binary with our shell script would not be an update.
const SHELL_TYPES = new Set(["", "shell", "sh", "bash", "script"]);
const VERSION_SHAPE = /^v?[0-9][0-9A-Za-z.+-]{0,31}$/;

export const GET = agentRoute(async ({ request, agent }) => {
  const script = await loadScript(SCRIPT_NAMES.agent);
  if (!script) throw new ApiError("script_missing", 404, "Agent script not found");
  const [settings, host] = await Promise.all([getSettings(), getHostById(agent.hostId)]);
  const params = new URL(request.url).searchParams;
  const given = params.get("currentVersion")?.trim() ?? "";
  const currentVersion = VERSION_SHAPE.test(given) ? given : (host?.agentVersion ?? null);
  const shellAgent = SHELL_TYPES.has((params.get("type") ?? "").trim().toLowerCase());
  const latestVersion = script.version;
  const hasUpdate =
    shellAgent && latestVersion !== null && currentVersion !== null
      ? compareVersions(latestVersion, currentVersion) > 0
      : false;
  const autoUpdateDisabledReason = !shellAgent
    ? "This server provides the shell agent only"
    : !settings.autoUpdate
      ? "Agent auto-update is disabled in the server settings"
      : host && !host.autoUpdate
        ? "Agent auto-update is disabled for this host"
        : null;
  return json({
    currentVersion,
    latestVersion,
    hasUpdate,
    autoUpdateDisabled: autoUpdateDisabledReason !== null,
    autoUpdateDisabledReason,
    downloadUrl: `${resolveServerUrl(settings)}/api/v1/hosts/agent/download`,
    releaseNotes: null,
    minServerVersion: APP_VERSION,
    hash: script.sha256,
  });
});
