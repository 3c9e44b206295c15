"use client";

import { Plus } from "lucide-react";
import { useState } from "react";

import { createEnrolmentTokenAction } from "@/app/(app)/settings/enrolment/actions";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useActionForm } from "@/components/ui/use-action-form";
import { type CreatedToken, EnrolmentSecret } from "./enrolment-secret";

export type GroupOption = { id: string; name: string };

function CreateForm({
  groups,
  onCreated,
}: {
  groups: GroupOption[];
  onCreated: (created: CreatedToken) => void;
}) {
  const [state, onSubmit, pending] = useActionForm(createEnrolmentTokenAction, null);
  useResultToast(state, (data) => `Created enrolment token ${data.name}.`, onCreated);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate data-testid="enrolment-form">
      <FormField id="token-name" label="Name" errors={errors.name}>
        <Input
          id="token-name"
          name="name"
          placeholder="Proxmox cluster A"
          data-testid="token-name"
          {...fieldAria("token-name", errors.name)}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          id="token-max"
          label="Hosts per day"
          errors={errors.maxHostsPerDay}
          hint="Enrolments allowed in any 24 hours."
        >
          <Input
            id="token-max"
            name="maxHostsPerDay"
            type="number"
            min={1}
            defaultValue={100}
            data-testid="token-max"
            {...fieldAria("token-max", errors.maxHostsPerDay, true)}
          />
        </FormField>
        <FormField
          id="token-expires"
          label="Expires after"
          errors={errors.expiresOn}
          hint="Empty: never expires."
        >
          <Input
            id="token-expires"
            name="expiresOn"
            type="date"
            data-testid="token-expires"
            {...fieldAria("token-expires", errors.expiresOn, true)}
          />
        </FormField>
      </div>
      <FormField
        id="token-allow"
        label="Allowed addresses"
        errors={errors.allowedIpRanges}
        hint="IPv4/IPv6 addresses or CIDRs, separated by commas or new lines. Empty: any address."
      >
        <Textarea
          id="token-allow"
          name="allowedIpRanges"
          rows={3}
          placeholder={"10.0.0.0/8\n2001:db8::/32"}
          spellCheck={false}
          className="font-mono text-xs"
          data-testid="token-allow"
          {...fieldAria("token-allow", errors.allowedIpRanges, true)}
        />
      </FormField>
      <fieldset className="grid gap-2">
        <legend className="mb-1 font-medium text-sm">Default host groups</legend>
        {groups.length === 0 ? (
          <p className="text-muted-foreground text-xs">No host groups yet; enrolled hosts start ungrouped.</p>
        ) : (
          <div className="grid max-h-40 gap-2 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
            {groups.map((group) => (
              <div key={group.id} className="flex items-center gap-2">
                <Checkbox id={`tg-${group.id}`} name="groupIds" value={group.id} />
                <Label htmlFor={`tg-${group.id}`} className="font-normal">
                  {group.name}
                </Label>
              </div>
            ))}
          </div>
        )}
        {errors.groupIds ? <p className="text-destructive text-sm">{errors.groupIds.join(" ")}</p> : null}
      </fieldset>
      <DialogFooter>
        <Button type="submit" disabled={pending} data-testid="token-create-submit">
          {pending ? "Creating…" : "Create token"}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** "New token" button: the form, then the secret and commands in the same dialog. */
export function EnrolmentCreate({ groups }: { groups: GroupOption[] }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    // Closing forgets the secret: it is not shown again.
    if (!next) setCreated(null);
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button data-testid="token-create">
          <Plus aria-hidden /> New token
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{created ? `Token ${created.name} created` : "New enrolment token"}</DialogTitle>
          <DialogDescription>
            {created
              ? "Run one of these commands where the hosts are."
              : "Scripts holding this token enrol hosts by themselves, within the limits you set here."}
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <>
            <EnrolmentSecret created={created} />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)} data-testid="token-created-done">
                I have copied it
              </Button>
            </DialogFooter>
          </>
        ) : (
          <CreateForm groups={groups} onCreated={setCreated} />
        )}
      </DialogContent>
    </Dialog>
  );
}
