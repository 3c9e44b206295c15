"use client";

import { ListFilter } from "lucide-react";

import { deleteRuleAction, setRuleEnabledAction } from "@/app/(app)/settings/notifications/actions";
import { alertTypeLabel } from "@/components/alerts/labels";
import { useRunAction } from "@/components/alerts/use-run-action";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RuleForm } from "./rule-form";
import { EnabledSwitch, ItemDialog, ItemSection, RowActions, useItemEditor } from "./settings-list";
import type { Choice, RuleRow } from "./types";

type Props = { rules: RuleRow[]; channels: Choice[]; hostGroups: Choice[] };

function RuleDialog({
  rule,
  open,
  onOpenChange,
  ...choices
}: Omit<Props, "rules"> & { rule?: RuleRow; open: boolean; onOpenChange: (o: boolean) => void }) {
  return (
    <ItemDialog
      open={open}
      onOpenChange={onOpenChange}
      title={rule ? `Edit ${rule.name}` : "New rule"}
      description="Alerts matching every condition go to the channel."
      testId="rule-dialog"
      className="sm:max-w-2xl"
    >
      <RuleForm rule={rule} {...choices} onDone={() => onOpenChange(false)} />
    </ItemDialog>
  );
}

export function RuleList({ rules, channels, hostGroups }: Props) {
  const { creating, setCreating, editing, setEditing } = useItemEditor<RuleRow>();
  const { pending, run } = useRunAction();
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  const groupName = new Map(hostGroups.map((g) => [g.id, g.name]));
  return (
    <ItemSection
      id="rules"
      title="Rules"
      createLabel="New rule"
      onCreate={() => setCreating(true)}
      createDisabled={channels.length === 0}
      testId="rule"
      empty={
        rules.length === 0
          ? {
              icon: <ListFilter className="size-8 text-muted-foreground" aria-hidden />,
              title: "No rules yet.",
              hint:
                channels.length === 0
                  ? "Create a channel first."
                  : "Without a rule no alert is sent anywhere.",
            }
          : null
      }
      dialogs={
        <>
          <RuleDialog
            open={creating}
            onOpenChange={setCreating}
            channels={channels}
            hostGroups={hostGroups}
          />
          {editing ? (
            <RuleDialog
              rule={editing}
              open
              onOpenChange={(open) => !open && setEditing(null)}
              channels={channels}
              hostGroups={hostGroups}
            />
          ) : null}
        </>
      }
    >
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
                <EnabledSwitch
                  name={rule.name}
                  enabled={rule.enabled}
                  pending={pending}
                  testId="rule"
                  onChange={(on) =>
                    run(
                      setRuleEnabledAction,
                      { ruleId: rule.id, enabled: String(on) },
                      on ? "Rule enabled." : "Rule disabled.",
                    )
                  }
                />
              </TableCell>
              <TableCell>
                <RowActions
                  name={rule.name}
                  what="rule"
                  consequence="Alerts it matched stop going to its channel."
                  pending={pending}
                  testId="rule"
                  onEdit={() => setEditing(rule)}
                  onDelete={() => run(deleteRuleAction, { ruleId: rule.id }, `Deleted ${rule.name}.`)}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ItemSection>
  );
}
