import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyBlock } from "@/components/ui/copy-block";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { HostCommandRow } from "@/lib/hosts/detail";
import { HostDetailAgentControls } from "./host-detail-agent-controls";
import { HostDetailCredentials } from "./host-detail-credentials";
import { HostDetailDelete } from "./host-detail-delete";
import { HostDetailTime } from "./host-detail-time";

const COMMAND_LABELS: Record<HostCommandRow["type"], string> = {
  report_now: "Report now",
  update_agent: "Update agent",
  interval_changed: "New report interval",
};

const STATE_VARIANT = { queued: "secondary", delivered: "outline", expired: "destructive" } as const;

type Props = {
  host: { id: string; apiId: string; friendlyName: string; autoUpdate: boolean; agentVersion: string | null };
  commands: HostCommandRow[];
  removeCommand: string;
  canManage: boolean;
  now: number;
};

export function HostDetailAgent({ host, commands, removeCommand, canManage, now }: Props) {
  return (
    <div className="grid gap-4" data-testid="host-agent">
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Agent</CardTitle>
          <CardDescription>
            API ID <span className="font-mono">{host.apiId}</span> · agent version{" "}
            {host.agentVersion ?? "unknown"} · auto-update {host.autoUpdate ? "on" : "off"}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {canManage ? <HostDetailAgentControls hostId={host.id} autoUpdate={host.autoUpdate} /> : null}
          <div className="grid gap-2">
            <h3 className="font-medium text-sm">Queued commands</h3>
            {commands.length === 0 ? (
              <p className="text-muted-foreground text-sm" data-testid="host-commands-empty">
                No commands sent to this agent yet.
              </p>
            ) : (
              <div className="overflow-x-auto rounded-lg border">
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Command</TableHead>
                      <TableHead>State</TableHead>
                      <TableHead>Requested</TableHead>
                      <TableHead>Delivered</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {commands.map((command) => (
                      <TableRow key={command.id} data-testid="host-command-row">
                        <TableCell>{COMMAND_LABELS[command.type]}</TableCell>
                        <TableCell>
                          <Badge variant={STATE_VARIANT[command.status]} data-testid="host-command-state">
                            {command.status}
                          </Badge>
                        </TableCell>
                        <TableCell className="text-sm">
                          <HostDetailTime value={command.createdAt} now={now} />
                        </TableCell>
                        <TableCell className="text-sm">
                          <HostDetailTime
                            value={command.deliveredAt}
                            now={now}
                            never="waiting for the agent"
                          />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Install and remove</CardTitle>
          <CardDescription>Commands to run as root on the host.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {canManage ? <HostDetailCredentials hostId={host.id} friendlyName={host.friendlyName} /> : null}
          <div className="grid gap-2">
            <h3 className="font-medium text-sm">Remove the agent</h3>
            <CopyBlock value={removeCommand} label="remove command" testId="host-remove-command" />
          </div>
        </CardContent>
      </Card>
      {canManage ? (
        <Card className="border-destructive/50">
          <CardHeader>
            <CardTitle className="text-base">Delete this host</CardTitle>
            <CardDescription>Removes the host and everything it reported from PatchMon.</CardDescription>
          </CardHeader>
          <CardContent>
            <HostDetailDelete hostId={host.id} friendlyName={host.friendlyName} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
