"use client";

import { useState } from "react";

import { updateServerSettingsAction } from "@/app/(app)/settings/server/actions";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useActionForm } from "@/components/ui/use-action-form";

type Values = { serverProtocol: "http" | "https"; serverHost: string; serverPort: number };

/** What the URL will look like, as the server builds it (default ports are left out). */
function previewUrl(protocol: string, host: string, port: string): string {
  const bracketed = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  const defaultPort = protocol === "https" ? "443" : "80";
  return `${protocol}://${bracketed || "…"}${port && port !== defaultPort ? `:${port}` : ""}`;
}

export function ServerForm({ initial }: { initial: Values }) {
  const [state, onSubmit, pending] = useActionForm(updateServerSettingsAction, null);
  useResultToast(state, (data) => `Saved: agents now reach ${data.serverUrl}.`);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const [protocol, setProtocol] = useState<string>(initial.serverProtocol);
  const [host, setHost] = useState(initial.serverHost);
  const [port, setPort] = useState(String(initial.serverPort));
  return (
    <form onSubmit={onSubmit} className="grid gap-5" noValidate data-testid="server-form">
      <div className="grid gap-4 sm:grid-cols-[10rem_1fr_8rem]">
        <FormField id="server-protocol" label="Protocol" errors={errors.serverProtocol}>
          <Select name="serverProtocol" value={protocol} onValueChange={setProtocol}>
            <SelectTrigger
              id="server-protocol"
              className="w-full"
              data-testid="server-protocol"
              {...fieldAria("server-protocol", errors.serverProtocol)}
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="https">https</SelectItem>
              <SelectItem value="http">http</SelectItem>
            </SelectContent>
          </Select>
        </FormField>
        <FormField id="server-host" label="Host" errors={errors.serverHost}>
          <Input
            id="server-host"
            name="serverHost"
            value={host}
            onChange={(e) => setHost(e.target.value)}
            placeholder="patchmon.example.com"
            autoComplete="off"
            spellCheck={false}
            data-testid="server-host"
            {...fieldAria("server-host", errors.serverHost)}
          />
        </FormField>
        <FormField id="server-port" label="Port" errors={errors.serverPort}>
          <Input
            id="server-port"
            name="serverPort"
            type="number"
            inputMode="numeric"
            min={1}
            max={65535}
            value={port}
            onChange={(e) => setPort(e.target.value)}
            data-testid="server-port"
            {...fieldAria("server-port", errors.serverPort)}
          />
        </FormField>
      </div>
      <div className="grid gap-1 rounded-md border bg-muted/40 px-3 py-2 text-sm">
        <span className="text-muted-foreground text-xs">Install commands will use</span>
        <code className="break-all font-mono" data-testid="server-url-preview">
          {previewUrl(protocol, host.trim(), port.trim())}
        </code>
      </div>
      <div>
        <Button type="submit" disabled={pending} data-testid="server-save">
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
