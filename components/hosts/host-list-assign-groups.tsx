"use client";

import { FolderTree } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { assignHostGroupsAction } from "@/app/(app)/hosts/actions";
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
import { Label } from "@/components/ui/label";
import type { HostGroupChoice } from "@/lib/hosts/list-options";

type Props = { hostIds: string[]; groups: HostGroupChoice[]; onDone: () => void };

/** Adds the selected hosts to, or removes them from, the ticked groups. */
export function HostAssignGroupsDialog({ hostIds, groups, onDone }: Props) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  function run(mode: "add" | "remove") {
    startTransition(async () => {
      const result = await assignHostGroupsAction(null, { hostIds, groupIds: [...chosen], mode });
      if (result.ok) {
        toast.success(
          `${mode === "add" ? "Added" : "Removed"} ${result.data.count} host${result.data.count === 1 ? "" : "s"}.`,
        );
        setOpen(false);
        onDone();
      } else {
        setError(result.fieldErrors?.groupIds?.join(" ") ?? result.error);
      }
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setChosen(new Set());
        setError(undefined);
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" data-testid="bulk-assign-groups">
          <FolderTree />
          Groups
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            Host groups of {hostIds.length === 1 ? "1 host" : `${hostIds.length} hosts`}
          </DialogTitle>
          <DialogDescription>
            Tick groups, then add the hosts to them or remove the hosts from them.
          </DialogDescription>
        </DialogHeader>
        {groups.length === 0 ? (
          <p className="text-muted-foreground text-sm">There are no host groups yet.</p>
        ) : (
          <div className="grid max-h-60 gap-2 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
            {groups.map((group) => (
              <div key={group.id} className="flex items-center gap-2">
                <Checkbox
                  id={`bulk-group-${group.id}`}
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
                <Label htmlFor={`bulk-group-${group.id}`} className="font-normal">
                  {group.name}
                </Label>
              </div>
            ))}
          </div>
        )}
        {error ? (
          <p className="text-destructive text-sm" data-testid="bulk-groups-error">
            {error}
          </p>
        ) : null}
        <DialogFooter>
          <Button variant="outline" disabled={pending || chosen.size === 0} onClick={() => run("remove")}>
            Remove from groups
          </Button>
          <Button
            disabled={pending || chosen.size === 0}
            onClick={() => run("add")}
            data-testid="bulk-groups-add"
          >
            Add to groups
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
