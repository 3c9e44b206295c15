"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import type { HostGroupOption } from "./types";

/**
 * Checkboxes named `hostGroupIds`. The empty hidden value makes "none ticked" arrive as an
 * explicit empty list (the whole fleet), not as "field absent, leave it unchanged".
 */
export function HostGroupPicker({
  groups,
  selected,
  errors,
}: {
  groups: HostGroupOption[];
  selected: string[];
  errors?: string[];
}) {
  return (
    <fieldset className="grid gap-2" data-testid="host-group-picker">
      <legend className="mb-1 font-medium text-sm">Host groups</legend>
      <input type="hidden" name="hostGroupIds" value="" />
      {groups.length === 0 ? (
        <p className="text-muted-foreground text-xs">No host groups yet: access covers every host.</p>
      ) : (
        <div className="grid max-h-40 gap-2 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
          {groups.map((group) => (
            <div key={group.id} className="flex items-center gap-2">
              <Checkbox
                id={`hg-${group.id}`}
                name="hostGroupIds"
                value={group.id}
                defaultChecked={selected.includes(group.id)}
              />
              <Label htmlFor={`hg-${group.id}`} className="font-normal">
                {group.name}
              </Label>
            </div>
          ))}
        </div>
      )}
      <p className="text-muted-foreground text-xs">
        None ticked: every host. Ticked: only hosts in those groups.
      </p>
      {errors?.length ? <p className="text-destructive text-sm">{errors.join(" ")}</p> : null}
    </fieldset>
  );
}
