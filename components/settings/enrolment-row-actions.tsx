"use client";

import { Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";

import {
  deleteEnrolmentTokenAction,
  setEnrolmentTokenEnabledAction,
} from "@/app/(app)/settings/enrolment/actions";
import { Button } from "@/components/ui/button";
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
import { Switch } from "@/components/ui/switch";
import { useRemovalAction } from "@/components/users/use-removal-action";

type Token = { id: string; name: string; isActive: boolean };

export function EnrolmentEnabledSwitch({ token }: { token: Token }) {
  const [pending, startTransition] = useTransition();
  const change = (enabled: boolean) =>
    startTransition(async () => {
      const result = await setEnrolmentTokenEnabledAction(null, {
        tokenId: token.id,
        enabled: String(enabled),
      });
      if (result.ok) toast.success(`${result.data.enabled ? "Enabled" : "Disabled"} ${result.data.name}.`);
      else toast.error(result.error);
    });
  return (
    <Switch
      checked={token.isActive}
      disabled={pending}
      onCheckedChange={change}
      aria-label={`${token.name} enabled`}
      data-testid={`token-enabled-${token.name}`}
    />
  );
}

export function EnrolmentDelete({ token }: { token: Token }) {
  const { state, pending, onSubmit } = useRemovalAction(deleteEnrolmentTokenAction, `Deleted ${token.name}.`);
  const [typed, setTyped] = useState("");
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          aria-label={`Delete ${token.name}`}
          data-testid={`token-delete-${token.name}`}
        >
          <Trash2 aria-hidden />
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete {token.name}?</DialogTitle>
          <DialogDescription>
            Scripts using it stop enrolling hosts at once. Hosts it already enrolled keep working.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <input type="hidden" name="tokenId" value={token.id} />
          <input type="hidden" name="name" value={token.name} />
          <FormField
            id="token-delete-confirm"
            label={`Type ${token.name} to confirm`}
            errors={errors.confirm}
          >
            <Input
              id="token-delete-confirm"
              name="confirm"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              data-testid="token-delete-confirm"
              {...fieldAria("token-delete-confirm", errors.confirm)}
            />
          </FormField>
          <DialogFooter>
            <Button
              type="submit"
              variant="destructive"
              disabled={pending || typed.trim() !== token.name}
              data-testid="token-delete-submit"
            >
              {pending ? "Deleting…" : "Delete token"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
