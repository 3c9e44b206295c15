"use client";

import Link from "next/link";
import { useState } from "react";
import { createHostAction } from "@/app/(app)/hosts/actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/auth/action";
import type { HostGroupChoice } from "@/lib/hosts/list-options";
import { AddHostCredentials, type CreatedHost } from "./add-host-credentials";

type Props = { groups: HostGroupChoice[]; mustChooseGroup: boolean; ignoreSslSelfSigned: boolean };

/** Name and groups first; then the install command, the credentials once, and the wait for a report. */
export function AddHostFlow({ groups, mustChooseGroup, ignoreSslSelfSigned }: Props) {
  const [state, onSubmit, pending] = useActionForm<ActionResult<CreatedHost> | null>(createHostAction, null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());

  if (state?.ok) return <AddHostCredentials created={state.data} ignoreSslSelfSigned={ignoreSslSelfSigned} />;
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <CardTitle>New host</CardTitle>
        <CardDescription>
          Name the host as it should appear in PatchMon, and choose its groups.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="grid gap-5" data-testid="add-host-form">
          <FormField id="friendlyName" label="Friendly name" errors={errors?.friendlyName}>
            <Input
              id="friendlyName"
              name="friendlyName"
              required
              maxLength={255}
              autoFocus
              placeholder="web-01"
              data-testid="add-host-name"
              {...fieldAria("friendlyName", errors?.friendlyName)}
            />
          </FormField>
          <fieldset className="grid gap-2" data-testid="add-host-groups">
            <legend className="mb-1 font-medium text-sm">Host groups</legend>
            {[...chosen].map((id) => (
              <input key={id} type="hidden" name="groupIds" value={id} />
            ))}
            {groups.length === 0 ? (
              <p className="text-muted-foreground text-xs">No host groups yet.</p>
            ) : (
              <div className="grid max-h-48 gap-2 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
                {groups.map((group) => (
                  <div key={group.id} className="flex items-center gap-2">
                    <Checkbox
                      id={`new-host-group-${group.id}`}
                      checked={chosen.has(group.id)}
                      onCheckedChange={(on) =>
                        setChosen((current) => {
                          const next = new Set(current);
                          if (on === true) next.add(group.id);
                          else next.delete(group.id);
                          return next;
                        })
                      }
                    />
                    <Label htmlFor={`new-host-group-${group.id}`} className="font-normal">
                      {group.name}
                    </Label>
                  </div>
                ))}
              </div>
            )}
            {mustChooseGroup ? (
              <p className="text-muted-foreground text-xs">
                Choose at least one: you only see hosts in your groups.
              </p>
            ) : null}
            {errors?.groupIds ? (
              <p className="text-destructive text-sm">{errors.groupIds.join(" ")}</p>
            ) : null}
          </fieldset>
          {state && !state.ok && !errors ? (
            <p className="text-destructive text-sm" role="alert">
              {state.error}
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={pending} data-testid="add-host-submit">
              {pending ? "Creating…" : "Create host"}
            </Button>
            <Button type="button" variant="outline" asChild>
              <Link href="/hosts">Cancel</Link>
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
