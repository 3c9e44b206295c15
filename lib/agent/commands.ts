// Commands for agents (report now, update agent, interval changed): queued by an operator, handed
// to the agent on its next ping, once. Cron-driven agents never hold a socket open, so polling is
// the channel that reaches all of them.
import { type DeliveredCommand, queueAgentCommand, takeQueuedCommands } from "@/db/queries/agent";
import type { AgentCommandType } from "@/db/schema";

export const OPERATOR_COMMANDS = [
  "report_now",
  "update_agent",
] as const satisfies readonly AgentCommandType[];
export type OperatorCommand = (typeof OPERATOR_COMMANDS)[number];

export type CrontabUpdate = { shouldUpdate: true; message: string; command: "update-crontab" };

export function crontabUpdate(interval: number): CrontabUpdate {
  return {
    shouldUpdate: true,
    message: `Update interval changed to ${interval} minutes, please run: /usr/local/bin/patchmon-agent.sh update-crontab`,
    command: "update-crontab",
  };
}

/** The cron schedule of an interval in minutes: below 60 every N minutes, else every H hours. */
export function cronExpression(minutes: number): string {
  if (minutes < 60) return `*/${minutes} * * * *`;
  if (minutes === 60) return "0 * * * *";
  return `0 */${Math.max(1, Math.floor(minutes / 60))} * * *`;
}

/** Queues a command; false when one of that type was already waiting for the host. */
export function queueCommand(hostId: string, type: AgentCommandType, createdByUserId?: string) {
  return queueAgentCommand({ hostId, type, createdByUserId });
}

export type WireCommand = { type: AgentCommandType } & Record<string, unknown>;

/** The host's queued commands as the ping answer lists them, marked delivered. */
export async function deliverCommands(hostId: string): Promise<WireCommand[]> {
  const commands: DeliveredCommand[] = await takeQueuedCommands(hostId);
  return commands.map(({ type, payload }) => ({ ...(payload ?? {}), type }));
}
