// POST /api/v1/hosts/ping [{"triggerCrontabUpdate":true,"agentStartup":true}]: refreshes the host's
// last contact and hands over its queued commands (each exactly once).
import { touchHostContact } from "@/db/queries/hosts";
import { getSettings } from "@/db/queries/settings";
import { agentRoute } from "@/lib/agent/auth";
import { crontabUpdate, deliverCommands } from "@/lib/agent/commands";
import { ApiError } from "@/lib/api/errors";
import { json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

function flag(body: unknown, name: string): boolean {
  return typeof body === "object" && body !== null && (body as Record<string, unknown>)[name] === true;
}

export const POST = agentRoute(
  async ({ agent, body }) => {
    const { updateInterval } = await getSettings();
    const contact = await touchHostContact(agent.hostId);
    if (!contact) throw new ApiError("invalid_credentials", 401, "Invalid API credentials");
    const commands = await deliverCommands(agent.hostId);
    const intervalChanged =
      contact.previousInterval !== updateInterval ||
      flag(body, "triggerCrontabUpdate") ||
      commands.some((command) => command.type === "interval_changed");
    return json({
      message: "Ping successful",
      timestamp: new Date().toISOString(),
      friendlyName: contact.friendlyName,
      agentStartup: flag(body, "agentStartup"),
      integrations: { docker: false, compliance: false },
      ...(intervalChanged ? { crontabUpdate: crontabUpdate(updateInterval) } : {}),
      ...(commands.length > 0 ? { commands } : {}),
    });
  },
  { body: "optional" },
);
