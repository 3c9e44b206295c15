"use client";

import { Check } from "lucide-react";
import { useState } from "react";

import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { HOST_GROUP_PALETTE } from "@/lib/host-groups/palette";
import { cn } from "@/lib/utils";

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A small palette plus a hex input; the input is what the form submits. */
export function ColorField({ initial, errors }: { initial: string; errors?: string[] }) {
  const [color, setColor] = useState(initial);
  const valid = HEX.test(color);
  // What the user is typing is checked as they type; the server's verdict applies to what it was sent.
  const localErrors = valid ? errors : ["Use a colour like #3B82F6"];
  return (
    <FormField id="group-color" label="Colour" errors={localErrors}>
      <fieldset className="flex flex-wrap items-center gap-2" aria-label="Palette">
        {HOST_GROUP_PALETTE.map((swatch) => {
          const selected = swatch.toUpperCase() === color.toUpperCase();
          return (
            <button
              key={swatch}
              type="button"
              aria-label={`Colour ${swatch}`}
              aria-pressed={selected}
              onClick={() => setColor(swatch)}
              className={cn(
                "flex size-7 items-center justify-center rounded-full border-2 border-transparent outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
                selected && "border-foreground",
              )}
              style={{ backgroundColor: swatch }}
              data-testid={`group-color-swatch-${swatch.slice(1)}`}
            >
              {selected ? <Check className="size-4 text-white" aria-hidden /> : null}
            </button>
          );
        })}
      </fieldset>
      <div className="flex items-center gap-2">
        <span
          aria-hidden
          className="size-9 shrink-0 rounded-md border"
          style={{ backgroundColor: valid ? color : "transparent" }}
        />
        <Input
          id="group-color"
          name="color"
          value={color}
          onChange={(event) => setColor(event.target.value)}
          maxLength={7}
          className="w-32 font-mono"
          data-testid="group-color"
          {...fieldAria("group-color", localErrors)}
        />
      </div>
    </FormField>
  );
}
