// Server URL and agent settings. Changing the report interval queues "interval changed" for every
// host (one statement), which the agents pick up on their next ping and reschedule themselves.

import { getSettings, queueIntervalChangedForAllHosts, updateSettings } from "@/db/queries/settings";
import { withTransaction } from "@/db/queries/transaction";
import type { Settings } from "@/db/schema";
import { resolveServerUrl } from "@/lib/agent/install-script";
import type { Actor } from "@/lib/auth/actor";
import { assertSettingsAdmin, auditBy, type RequestMeta } from "./context";
import {
  type AgentSettingsInput,
  agentSettingsSchema,
  type ServerSettingsInput,
  serverSettingsSchema,
} from "./schemas";

export type SettingsView = Pick<
  Settings,
  "serverProtocol" | "serverHost" | "serverPort" | "updateInterval" | "autoUpdate" | "ignoreSslSelfSigned"
> & { serverUrl: string };

function view(row: Settings): SettingsView {
  return {
    serverProtocol: row.serverProtocol,
    serverHost: row.serverHost,
    serverPort: row.serverPort,
    updateInterval: row.updateInterval,
    autoUpdate: row.autoUpdate,
    ignoreSslSelfSigned: row.ignoreSslSelfSigned,
    serverUrl: resolveServerUrl(row),
  };
}

export async function getSettingsFor(actor: Actor): Promise<SettingsView> {
  assertSettingsAdmin(actor);
  return view(await getSettings());
}

export async function updateServerSettings(
  actor: Actor,
  input: ServerSettingsInput,
  meta: RequestMeta = {},
): Promise<SettingsView> {
  assertSettingsAdmin(actor);
  const changes = serverSettingsSchema.parse(input);
  const row = await updateSettings(changes);
  await auditBy(actor, meta, {
    action: "settings.updated",
    target: { type: "settings", id: "server" },
    details: changes,
  });
  return view(row);
}

export type AgentSettingsResult = SettingsView & { hostsNotified: number };

export async function updateAgentSettings(
  actor: Actor,
  input: AgentSettingsInput,
  meta: RequestMeta = {},
): Promise<AgentSettingsResult> {
  assertSettingsAdmin(actor);
  const changes = agentSettingsSchema.parse(input);
  const { row, hostsNotified, previous } = await withTransaction(async (tx) => {
    const before = await getSettings(tx);
    const after = await updateSettings(changes, tx);
    const notified =
      before.updateInterval === changes.updateInterval
        ? 0
        : await queueIntervalChangedForAllHosts(changes.updateInterval, actor.userId, tx);
    return { row: after, hostsNotified: notified, previous: before.updateInterval };
  });
  await auditBy(actor, meta, {
    action: "settings.updated",
    target: { type: "settings", id: "agents" },
    details: { ...changes, previousInterval: previous, hostsNotified },
  });
  return { ...view(row), hostsNotified };
}
