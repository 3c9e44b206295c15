import type { ChannelTypeName } from "./channel-fields";

/** A channel as the page shows it: config with secret URLs masked, secrets masked. */
export type ChannelRow = {
  id: string;
  name: string;
  type: ChannelTypeName;
  enabled: boolean;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
};

export type RuleRow = {
  id: string;
  name: string;
  channelId: string;
  alertTypes: string[];
  minSeverity: string;
  hostGroupIds: string[];
  digestMinutes: number | null;
  enabled: boolean;
};

export type Choice = { id: string; name: string };
