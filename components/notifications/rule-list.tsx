"use client";

import { ListFilter, Pencil, Plus } from "lucide-react";
import { useState } from "react";

import { deleteRuleAction, setRuleEnabledAction } from "@/app/(app)/settings/notifications/actions";
import { alertTypeLabel } from "@/components/alerts/labels";
import { useRunAction } from "@/components/alerts/use-run-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RuleForm } from "./rule-form";
import { TypedDelete } from "./typed-delete";
import type { Choice, RuleRow } from "./types";

type Props = { rules: RuleRow[]; channels: Choice[]; hostGroups: Choice[] };

function RuleDialog({
  rule,
  open,
  onOpenChange,
  ...choices
}: Omit<Props, "rules"> & { rule?: RuleRow; open: boolean; onOpenChange: (o: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="rule-dialog" className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{rule ? `Edit ${rule.name}` : "New rule"}</DialogTitle>
          <DialogDescription>Alerts matching every condition go to the channel.</DialogDescription>
        </DialogHeader>
        <RuleForm rule={rule} {...choices} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

export function RuleList({ rules, channels, hostGroups }: Props) {
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<RuleRow | null>(null);
  const { pending, run } = useRunAction();
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  const groupName = new Map(hostGroups.map((g) => [g.id, g.name]));
  return (
    <section className="flex flex-col gap-3" aria-labelledby="rules-heading">
      <div className="flex items-center justify-between">
        <h2 id="rules-heading" className="font-semibold text-lg">
          Rules
        </h2>
        <Button
          size="sm"
          onClick={() => setCreating(true)}
          disabled={channels.length === 0}
          data-testid="rule-create"
        >
          <Plus aria-hidden /> New rule
        </Button>
      </div>
      {rules.length === 0 ? (
        <div
          className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-10 text-center"
          data-testid="rules-empty"
        >
          <ListFilter className="size-8 text-muted-foreground" aria-hidden />
          <p className="font-medium">No rules yet.</p>
          <p className="text-muted-foreground text-sm">
            {channels.length === 0 ? "Create a channel first." : "Without a rule no alert is sent anywhere."}
          </p>
        </div>
      ) : (
        <div className="rounded-lg border">
          <Table data-testid="rules-table">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Alerts</TableHead>
                <TableHead>Host groups</TableHead>
                <TableHead>Channel</TableHead>
                <TableHead>Delivery</TableHead>
                <TableHead>Enabled</TableHead>
                <TableHead className="text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rules.map((rule) => (
                <TableRow key={rule.id} data-testid="rule-row">
                  <TableCell className="font-medium">{rule.name}</TableCell>
                  <TableCell className="text-sm">
                    {rule.alertTypes.length ? rule.alertTypes.map(alertTypeLabel).join(", ") : "All types"}
                    <div className="text-muted-foreground text-xs">{rule.minSeverity} and above</div>
                  </TableCell>
                  <TableCell className="text-sm">
                    {rule.hostGroupIds.length
                      ? rule.hostGroupIds.map((id) => groupName.get(id) ?? "?").join(", ")
                      : "All hosts"}
                  </TableCell>
                  <TableCell>{channelName.get(rule.channelId) ?? "—"}</TableCell>
                  <TableCell className="text-sm">
                    {rule.digestMinutes ? `Digest every ${rule.digestMinutes} min` : "At once"}
                  </TableCell>
                  <TableCell>
                    <Switch
                      checked={rule.enabled}
                      disabled={pending}
                      aria-label={`${rule.name} enabled`}
                      data-testid="rule-enabled"
                      onCheckedChange={(on) =>
                        run(
                          setRuleEnabledAction,
                          { ruleId: rule.id, enabled: String(on) },
                          on ? "Rule enabled." : "Rule disabled.",
                        )
                      }
                    />
                  </TableCell>
                  <TableCell>
                    <div className="flex justify-end gap-1">
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Edit ${rule.name}`}
                        onClick={() => setEditing(rule)}
                        data-testid="rule-edit"
                      >
                        <Pencil aria-hidden />
                      </Button>
                      <TypedDelete
                        name={rule.name}
                        what="rule"
                        consequence="Alerts it matched stop going to its channel."
                        disabled={pending}
                        testId="rule-delete"
                        onConfirm={() => run(deleteRuleAction, { ruleId: rule.id }, `Deleted ${rule.name}.`)}
                      />
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <RuleDialog open={creating} onOpenChange={setCreating} channels={channels} hostGroups={hostGroups} />
      {editing ? (
        <RuleDialog
          rule={editing}
          open
          onOpenChange={(open) => !open && setEditing(null)}
          channels={channels}
          hostGroups={hostGroups}
        />
      ) : null}
    </section>
  );
}
