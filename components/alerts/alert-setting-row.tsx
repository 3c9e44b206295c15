"use client";

import { updateAlertSettingAction } from "@/app/(app)/settings/alerts/actions";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { useActionForm } from "@/components/ui/use-action-form";
import { SEVERITY_OPTIONS } from "./labels";

const THRESHOLD_LABELS: Record<string, string> = { days: "After (days)" };

/** One alert type's switches: enabled, severity and its thresholds (if it has any). */
export function AlertSettingRow({
  type,
  label,
  settings,
}: {
  type: string;
  label: string;
  settings: { enabled: boolean; severity: string; thresholds: Record<string, number> };
}) {
  const [state, onSubmit, pending] = useActionForm(updateAlertSettingAction, null);
  useResultToast(state, `Saved ${label}.`);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const problems = Object.values(errors).flat();
  return (
    <Card data-testid={`alert-setting-${type}`}>
      <CardContent>
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-4" noValidate>
          <input type="hidden" name="type" value={type} />
          <div className="flex min-w-56 flex-1 items-center gap-3">
            <Switch
              id={`${type}-enabled`}
              name="enabled"
              defaultChecked={settings.enabled}
              data-testid={`alert-setting-${type}-enabled`}
            />
            <Label htmlFor={`${type}-enabled`} className="font-medium">
              {label}
            </Label>
          </div>
          <div className="grid gap-1">
            <Label htmlFor={`${type}-severity`} className="text-muted-foreground text-xs">
              Severity
            </Label>
            <Select name="severity" defaultValue={settings.severity}>
              <SelectTrigger
                id={`${type}-severity`}
                className="w-40"
                data-testid={`alert-setting-${type}-severity`}
              >
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
          </div>
          {Object.entries(settings.thresholds).map(([name, value]) => (
            <div key={name} className="grid gap-1">
              <Label htmlFor={`${type}-${name}`} className="text-muted-foreground text-xs">
                {THRESHOLD_LABELS[name] ?? name}
              </Label>
              <Input
                id={`${type}-${name}`}
                name={`threshold.${name}`}
                type="number"
                min={0}
                max={3650}
                defaultValue={value}
                className="w-28"
                data-testid={`alert-setting-${type}-${name}`}
              />
            </div>
          ))}
          <Button
            type="submit"
            size="sm"
            variant="secondary"
            disabled={pending}
            data-testid={`alert-setting-${type}-save`}
          >
            {pending ? "Saving…" : "Save"}
          </Button>
          {problems.length > 0 ? (
            <p className="w-full text-destructive text-sm">{problems.join(" ")}</p>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
