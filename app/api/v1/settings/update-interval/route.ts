// GET /api/v1/settings/update-interval -> {updateInterval, cronExpression}. The agent applies what
// it fetches here, so the interval is recorded as the host's (no crontabUpdate until it changes).
import { setHostIntervalApplied } from "@/db/queries/hosts";
import { getSettings } from "@/db/queries/settings";
import { agentRoute } from "@/lib/agent/auth";
import { cronExpression } from "@/lib/agent/commands";
import { json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = agentRoute(async ({ agent }) => {
  const { updateInterval } = await getSettings();
  await setHostIntervalApplied(agent.hostId, updateInterval);
  return json({ updateInterval, cronExpression: cronExpression(updateInterval) });
});
