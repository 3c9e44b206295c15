import type * as React from "react";

import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

interface FormFieldProps {
  id: string;
  label: string;
  /** Messages from the server for this field; shown under it and linked for screen readers. */
  errors?: string[];
  hint?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}

/** A label, its control, a hint and the field's errors, wired with aria-describedby. */
export function FormField({ id, label, errors, hint, className, children }: FormFieldProps) {
  return (
    <div className={cn("grid gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint ? (
        <div id={`${id}-hint`} className="text-muted-foreground text-xs">
          {hint}
        </div>
      ) : null}
      {errors && errors.length > 0 ? (
        <p id={`${id}-error`} data-testid={`${id}-error`} className="text-destructive text-sm">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** aria attributes for a control inside <FormField>. */
export function fieldAria(id: string, errors?: string[], hint?: boolean) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return { "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy || undefined };
}
