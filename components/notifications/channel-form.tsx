"use client";

import { useState } from "react";

import { createChannelAction, updateChannelAction } from "@/app/(app)/settings/notifications/actions";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useActionForm } from "@/components/ui/use-action-form";
import { CHANNEL_FIELDS, CHANNEL_TYPES, type ChannelField, type ChannelTypeName } from "./channel-fields";
import type { ChannelRow } from "./types";

const testId = (name: string) => `channel-${name.replace(".", "-")}`;

/** What the edit form shows for a field: plain config values, or the mask as a placeholder. */
function current(channel: ChannelRow | undefined, field: ChannelField): string {
  if (!channel) return "";
  const [part, key] = field.name.split(".") as ["config" | "secrets", string];
  const value = part === "config" ? channel.config[key] : channel.secrets[key];
  if (Array.isArray(value)) return value.join(", ");
  return value === undefined || value === null ? "" : String(value);
}

function errorsFor(errors: Record<string, string[]>, name: string): string[] | undefined {
  const found = Object.entries(errors)
    .filter(([key]) => key === name || key.startsWith(`${name}.`))
    .flatMap(([, messages]) => messages);
  return found.length > 0 ? found : undefined;
}

function Field({ field, channel, errors }: { field: ChannelField; channel?: ChannelRow; errors?: string[] }) {
  const id = testId(field.name);
  const value = current(channel, field);
  // A stored secret (or secret URL) is never put back in the field: empty keeps it.
  const keep = Boolean(channel && field.secret);
  const hint = keep
    ? value
      ? `Stored: ${value}. Leave empty to keep it.`
      : "Leave empty to keep it."
    : field.hint;
  if (field.kind === "select") {
    return (
      <FormField id={id} label={field.label} errors={errors}>
        <Select name={field.name} defaultValue={value || field.options?.[0]?.value}>
          <SelectTrigger id={id} className="w-full" data-testid={id}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {field.options?.map((option) => (
              <SelectItem key={option.value} value={option.value}>
                {option.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </FormField>
    );
  }
  return (
    <FormField id={id} label={field.label} errors={errors} hint={hint}>
      <Input
        id={id}
        name={field.name}
        type={field.kind === "password" ? "password" : field.kind === "number" ? "number" : "text"}
        autoComplete="off"
        placeholder={field.placeholder}
        defaultValue={keep ? "" : value}
        data-testid={id}
        {...fieldAria(id, errors, Boolean(hint))}
      />
    </FormField>
  );
}

/** Create (no `channel`) or edit a channel; the fields follow the chosen type. */
export function ChannelForm({ channel, onDone }: { channel?: ChannelRow; onDone: () => void }) {
  const [type, setType] = useState<ChannelTypeName>(channel?.type ?? "webhook");
  const [state, onSubmit, pending] = useActionForm(channel ? updateChannelAction : createChannelAction, null);
  useResultToast(state, (data) => (channel ? `Saved ${data.name}.` : `Created ${data.name}.`), onDone);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="channel-form" noValidate>
      {channel ? <input type="hidden" name="channelId" value={channel.id} /> : null}
      <FormField id="channel-type" label="Type" errors={errors.type}>
        <Select
          name="type"
          value={type}
          onValueChange={(value) => setType(value as ChannelTypeName)}
          disabled={Boolean(channel)}
        >
          <SelectTrigger id="channel-type" className="w-full" data-testid="channel-type">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {CHANNEL_TYPES.map((option) => (
              <SelectItem
                key={option.value}
                value={option.value}
                data-testid={`channel-type-${option.value}`}
              >
                {option.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </FormField>
      <FormField id="channel-name" label="Name" errors={errors.name}>
        <Input
          id="channel-name"
          name="name"
          defaultValue={channel?.name ?? ""}
          data-testid="channel-name"
          {...fieldAria("channel-name", errors.name)}
        />
      </FormField>
      {/* Keyed by type so switching types starts the new type's fields empty. */}
      <div key={type} className="grid gap-4">
        {CHANNEL_FIELDS[type].map((field) => (
          <Field key={field.name} field={field} channel={channel} errors={errorsFor(errors, field.name)} />
        ))}
      </div>
      {errors._form ? <p className="text-destructive text-sm">{errors._form.join(" ")}</p> : null}
      <DialogFooter>
        <Button type="submit" disabled={pending} data-testid="channel-submit">
          {pending ? "Saving…" : channel ? "Save channel" : "Create channel"}
        </Button>
      </DialogFooter>
    </form>
  );
}
