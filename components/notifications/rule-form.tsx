"use client";

import { createRuleAction, updateRuleAction } from "@/app/(app)/settings/notifications/actions";
import { ALERT_TYPE_OPTIONS, SEVERITY_OPTIONS } from "@/components/alerts/labels";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { DialogFooter } from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useActionForm } from "@/components/ui/use-action-form";
import type { Choice, RuleRow } from "./types";

function CheckList({
  name,
  legend,
  options,
  checked,
  hint,
  errors,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: string[];
  hint: string;
  errors?: string[];
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 font-medium text-sm">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((option) => {
          const id = `rule-${name}-${option.value}`;
          return (
            <div key={option.value} className="flex items-center gap-2">
              <Checkbox
                id={id}
                name={name}
                value={option.value}
                defaultChecked={checked.includes(option.value)}
                data-testid={id}
              />
              <Label htmlFor={id} className="font-normal">
                {option.label}
              </Label>
            </div>
          );
        })}
      </div>
      <p className="text-muted-foreground text-xs">{hint}</p>
      {errors ? <p className="text-destructive text-sm">{errors.join(" ")}</p> : null}
    </fieldset>
  );
}

/** Which alerts (types, minimum severity, host groups) go to which channel, at once or as a digest. */
export function RuleForm({
  rule,
  channels,
  hostGroups,
  onDone,
}: {
  rule?: RuleRow;
  channels: Choice[];
  hostGroups: Choice[];
  onDone: () => void;
}) {
  const [state, onSubmit, pending] = useActionForm(rule ? updateRuleAction : createRuleAction, null);
  useResultToast(state, (data) => (rule ? `Saved ${data.name}.` : `Created ${data.name}.`), onDone);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const prefixed = (name: string) =>
    Object.entries(errors).flatMap(([key, messages]) => (key.startsWith(name) ? messages : []));
  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="rule-form" noValidate>
      {rule ? <input type="hidden" name="ruleId" value={rule.id} /> : null}
      {rule ? <input type="hidden" name="enabled" value={String(rule.enabled)} /> : null}
      <FormField id="rule-name" label="Name" errors={errors.name}>
        <Input
          id="rule-name"
          name="name"
          defaultValue={rule?.name ?? ""}
          data-testid="rule-name"
          {...fieldAria("rule-name", errors.name)}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="rule-channel" label="Channel" errors={errors.channelId}>
          <Select name="channelId" defaultValue={rule?.channelId ?? channels[0]?.id}>
            <SelectTrigger id="rule-channel" className="w-full" data-testid="rule-channel">
              <SelectValue placeholder="Choose a channel" />
            </SelectTrigger>
            <SelectContent>
              {channels.map((channel) => (
                <SelectItem key={channel.id} value={channel.id}>
                  {channel.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </FormField>
        <FormField id="rule-severity" label="Minimum severity" errors={errors.minSeverity}>
          <Select name="minSeverity" defaultValue={rule?.minSeverity ?? "warning"}>
            <SelectTrigger id="rule-severity" className="w-full" data-testid="rule-severity">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {SEVERITY_OPTIONS.map((option) => (
                <SelectItem key={option.value} value={option.value}>
                  {option.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </FormField>
      </div>
      <CheckList
        name="alertTypes"
        legend="Alert types"
        options={[...ALERT_TYPE_OPTIONS]}
        checked={rule?.alertTypes ?? []}
        hint="None checked: every type."
        errors={prefixed("alertTypes").length ? prefixed("alertTypes") : undefined}
      />
      {hostGroups.length > 0 ? (
        <CheckList
          name="hostGroupIds"
          legend="Host groups"
          options={hostGroups.map((group) => ({ value: group.id, label: group.name }))}
          checked={rule?.hostGroupIds ?? []}
          hint="None checked: every host."
          errors={prefixed("hostGroupIds").length ? prefixed("hostGroupIds") : undefined}
        />
      ) : null}
      <FormField
        id="rule-digest"
        label="Digest every (minutes)"
        errors={errors.digestMinutes}
        hint="Empty: send each alert at once. Otherwise at most one summary per period (5 to 10080)."
      >
        <Input
          id="rule-digest"
          name="digestMinutes"
          type="number"
          min={5}
          max={10080}
          defaultValue={rule?.digestMinutes ?? ""}
          data-testid="rule-digest"
          {...fieldAria("rule-digest", errors.digestMinutes, true)}
        />
      </FormField>
      <DialogFooter>
        <Button type="submit" disabled={pending || channels.length === 0} data-testid="rule-submit">
          {pending ? "Saving…" : rule ? "Save rule" : "Create rule"}
        </Button>
      </DialogFooter>
    </form>
  );
}
