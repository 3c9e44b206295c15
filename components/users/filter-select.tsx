"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

/**
 * A select inside a GET filter form: named so it submits with the form, and it submits the form
 * as soon as it changes (the filters live in the URL).
 */
export function FilterSelect({
  name,
  label,
  value,
  options,
  testId,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  testId: string;
}) {
  return (
    <Select
      name={name}
      defaultValue={value}
      onValueChange={() => {
        // Radix updates its hidden native select after this callback; submit on the next tick.
        const form = document.getElementById(`${testId}-trigger`)?.closest("form");
        setTimeout(() => form?.requestSubmit(), 0);
      }}
    >
      <SelectTrigger id={`${testId}-trigger`} aria-label={label} className="w-44" data-testid={testId}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
