"use client";

import { updateAgentSettingsAction } from "@/app/(app)/settings/agents/actions";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { useActionForm } from "@/components/ui/use-action-form";

type Values = { updateInterval: number; autoUpdate: boolean; ignoreSslSelfSigned: boolean };

export function intervalLabel(minutes: number): string {
  if (minutes < 60) return `Every ${minutes} minutes`;
  if (minutes === 60) return "Every hour";
  if (minutes === 1440) return "Once a day";
  return `Every ${minutes / 60} hours`;
}

function saved(data: { updateInterval: number; hostsNotified: number }): string {
  if (data.hostsNotified === 0) return "Agent settings saved.";
  const hosts = data.hostsNotified === 1 ? "1 host" : `${data.hostsNotified} hosts`;
  return `Saved; ${hosts} will switch to ${intervalLabel(data.updateInterval).toLowerCase()} at their next check-in.`;
}

function Toggle({
  id,
  name,
  label,
  hint,
  defaultChecked,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  defaultChecked: boolean;
}) {
  return (
    <div className="flex items-start justify-between gap-4 rounded-md border p-3">
      <div className="grid gap-1">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-hint`} className="text-muted-foreground text-xs">
          {hint}
        </p>
      </div>
      <Switch
        id={id}
        name={name}
        value="on"
        defaultChecked={defaultChecked}
        aria-describedby={`${id}-hint`}
        data-testid={id}
      />
    </div>
  );
}

export function AgentForm({ initial, intervals }: { initial: Values; intervals: readonly number[] }) {
  const [state, onSubmit, pending] = useActionForm(updateAgentSettingsAction, null);
  useResultToast(state, saved);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-5" noValidate data-testid="agent-form">
      <FormField
        id="update-interval"
        label="Report interval"
        errors={errors.updateInterval}
        hint="How often agents send a report. Changing it tells every agent to reschedule itself at its next check-in."
      >
        <Select name="updateInterval" defaultValue={String(initial.updateInterval)}>
          <SelectTrigger
            id="update-interval"
            className="w-full sm:w-64"
            data-testid="update-interval"
            {...fieldAria("update-interval", errors.updateInterval, true)}
          >
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {intervals.map((minutes) => (
              <SelectItem key={minutes} value={String(minutes)} data-testid={`interval-${minutes}`}>
                {intervalLabel(minutes)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </FormField>
      <Toggle
        id="auto-update"
        name="autoUpdate"
        label="Agent auto-update"
        hint="Agents install a newer agent script by themselves. Hosts can opt out one by one."
        defaultChecked={initial.autoUpdate}
      />
      <Toggle
        id="ignore-ssl"
        name="ignoreSslSelfSigned"
        label="Accept self-signed certificates"
        hint="Install and enrolment commands use curl -k. Only for servers with a certificate agents cannot verify."
        defaultChecked={initial.ignoreSslSelfSigned}
      />
      <div>
        <Button type="submit" disabled={pending} data-testid="agent-save">
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
