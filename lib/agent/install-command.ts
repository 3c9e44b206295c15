// The one-line install command an operator copies onto a host: the server URL and curl flags from
// settings, and a fresh one-time bootstrap token (never the API key). Shared by the CLI and the UI.
import { getSettings } from "@/db/queries/settings";
import { BOOTSTRAP_TOKEN_TTL_MS } from "./credentials";
import { issueBootstrapToken } from "./enrolment";
import { curlFlags, installCommand, resolveServerUrl } from "./install-script";

export type IssuedInstallCommand = { command: string; expiresAt: Date };

export async function issueInstallCommand(hostId: string, now = Date.now()): Promise<IssuedInstallCommand> {
  const settings = await getSettings();
  const token = await issueBootstrapToken(hostId, now);
  return {
    command: installCommand(resolveServerUrl(settings), curlFlags(settings), token),
    expiresAt: new Date(now + BOOTSTRAP_TOKEN_TTL_MS),
  };
}
