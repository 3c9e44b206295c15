"use client";

import { Send, Webhook } from "lucide-react";

import {
  deleteChannelAction,
  sendTestAction,
  setChannelEnabledAction,
} from "@/app/(app)/settings/notifications/actions";
import { useRunAction } from "@/components/alerts/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CHANNEL_TYPES } from "./channel-fields";
import { ChannelForm } from "./channel-form";
import { EnabledSwitch, ItemDialog, ItemSection, RowActions, useItemEditor } from "./settings-list";
import type { ChannelRow } from "./types";

/** Where a channel sends, as far as the page may show it (URLs masked by the server). */
function target(channel: ChannelRow): string {
  const { config, secrets } = channel;
  if (channel.type === "email")
    return `${(config.to as string[] | undefined)?.join(", ") ?? ""} via ${config.host}`;
  if (channel.type === "ntfy") return `${config.serverUrl ?? "https://ntfy.sh"} · ${config.topic}`;
  return String(config.url ?? config.serverUrl ?? secrets.webhookUrl ?? "");
}

function ChannelDialog({
  channel,
  open,
  onOpenChange,
}: {
  channel?: ChannelRow;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  return (
    <ItemDialog
      open={open}
      onOpenChange={onOpenChange}
      title={channel ? `Edit ${channel.name}` : "New channel"}
      description="Secrets are stored encrypted and never shown again in full."
      testId="channel-dialog"
    >
      <ChannelForm channel={channel} onDone={() => onOpenChange(false)} />
    </ItemDialog>
  );
}

export function ChannelList({ channels }: { channels: ChannelRow[] }) {
  const { creating, setCreating, editing, setEditing } = useItemEditor<ChannelRow>();
  const { pending, run } = useRunAction();
  return (
    <ItemSection
      id="channels"
      title="Channels"
      createLabel="New channel"
      onCreate={() => setCreating(true)}
      testId="channel"
      empty={
        channels.length === 0
          ? {
              icon: <Webhook className="size-8 text-muted-foreground" aria-hidden />,
              title: "No channels yet.",
              hint: "Add one, then a rule that sends alerts to it.",
            }
          : null
      }
      dialogs={
        <>
          <ChannelDialog open={creating} onOpenChange={setCreating} />
          {editing ? (
            <ChannelDialog channel={editing} open onOpenChange={(open) => !open && setEditing(null)} />
          ) : null}
        </>
      }
    >
      <Table data-testid="channels-table">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Sends to</TableHead>
            <TableHead>Enabled</TableHead>
            <TableHead className="text-right">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {channels.map((channel) => (
            <TableRow key={channel.id} data-testid="channel-row" data-channel-name={channel.name}>
              <TableCell className="font-medium">{channel.name}</TableCell>
              <TableCell>
                <Badge variant="outline">{CHANNEL_TYPES.find((t) => t.value === channel.type)?.label}</Badge>
              </TableCell>
              <TableCell className="max-w-72 truncate font-mono text-xs" data-testid="channel-target">
                {target(channel)}
              </TableCell>
              <TableCell>
                <EnabledSwitch
                  name={channel.name}
                  enabled={channel.enabled}
                  pending={pending}
                  testId="channel"
                  onChange={(on) =>
                    run(
                      setChannelEnabledAction,
                      { channelId: channel.id, enabled: String(on) },
                      on ? `${channel.name} enabled.` : `${channel.name} disabled.`,
                    )
                  }
                />
              </TableCell>
              <TableCell>
                <RowActions
                  name={channel.name}
                  what="channel"
                  consequence="Its rules and delivery history are deleted with it."
                  pending={pending}
                  testId="channel"
                  onEdit={() => setEditing(channel)}
                  onDelete={() =>
                    run(deleteChannelAction, { channelId: channel.id }, `Deleted ${channel.name}.`)
                  }
                  before={
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={pending}
                      data-testid="channel-send-test"
                      onClick={() =>
                        run(
                          sendTestAction,
                          { channelId: channel.id },
                          "Test message queued; see the delivery log.",
                        )
                      }
                    >
                      <Send aria-hidden /> Send test
                    </Button>
                  }
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ItemSection>
  );
}
