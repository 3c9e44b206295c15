"use client";

import { Pencil, Plus, Send, Webhook } from "lucide-react";
import { useState } from "react";

import {
  deleteChannelAction,
  sendTestAction,
  setChannelEnabledAction,
} from "@/app/(app)/settings/notifications/actions";
import { useRunAction } from "@/components/alerts/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CHANNEL_TYPES } from "./channel-fields";
import { ChannelForm } from "./channel-form";
import { TypedDelete } from "./typed-delete";
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
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="channel-dialog">
        <DialogHeader>
          <DialogTitle>{channel ? `Edit ${channel.name}` : "New channel"}</DialogTitle>
          <DialogDescription>Secrets are stored encrypted and never shown again in full.</DialogDescription>
        </DialogHeader>
        <ChannelForm channel={channel} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

export function ChannelList({ channels }: { channels: ChannelRow[] }) {
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ChannelRow | null>(null);
  const { pending, run } = useRunAction();
  return (
    <section className="flex flex-col gap-3" aria-labelledby="channels-heading">
      <div className="flex items-center justify-between">
        <h2 id="channels-heading" className="font-semibold text-lg">
          Channels
        </h2>
        <Button size="sm" onClick={() => setCreating(true)} data-testid="channel-create">
          <Plus aria-hidden /> New channel
        </Button>
      </div>
      {channels.length === 0 ? (
        <div
          className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-10 text-center"
          data-testid="channels-empty"
        >
          <Webhook className="size-8 text-muted-foreground" aria-hidden />
          <p className="font-medium">No channels yet.</p>
          <p className="text-muted-foreground text-sm">Add one, then a rule that sends alerts to it.</p>
        </div>
      ) : (
        <div className="rounded-lg border">
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
                    <Badge variant="outline">
                      {CHANNEL_TYPES.find((t) => t.value === channel.type)?.label}
                    </Badge>
                  </TableCell>
                  <TableCell className="max-w-72 truncate font-mono text-xs" data-testid="channel-target">
                    {target(channel)}
                  </TableCell>
                  <TableCell>
                    <Switch
                      checked={channel.enabled}
                      disabled={pending}
                      aria-label={`${channel.name} enabled`}
                      data-testid="channel-enabled"
                      onCheckedChange={(on) =>
                        run(
                          setChannelEnabledAction,
                          { channelId: channel.id, enabled: String(on) },
                          on ? `${channel.name} enabled.` : `${channel.name} disabled.`,
                        )
                      }
                    />
                  </TableCell>
                  <TableCell>
                    <div className="flex justify-end gap-1">
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
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Edit ${channel.name}`}
                        onClick={() => setEditing(channel)}
                        data-testid="channel-edit"
                      >
                        <Pencil aria-hidden />
                      </Button>
                      <TypedDelete
                        name={channel.name}
                        what="channel"
                        consequence="Its rules and delivery history are deleted with it."
                        disabled={pending}
                        testId="channel-delete"
                        onConfirm={() =>
                          run(deleteChannelAction, { channelId: channel.id }, `Deleted ${channel.name}.`)
                        }
                      />
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <ChannelDialog open={creating} onOpenChange={setCreating} />
      {editing ? (
        <ChannelDialog channel={editing} open onOpenChange={(open) => !open && setEditing(null)} />
      ) : null}
    </section>
  );
}
