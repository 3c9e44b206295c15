"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";

import { withParams } from "@/components/data-table/url-params";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { cn } from "@/lib/utils";

/** A select bound to one URL param ("all" removes it); changing it goes back to page 1. */
export function ParamSelect({
  param,
  label,
  options,
  allLabel,
  testId,
}: {
  param: string;
  label: string;
  options: { value: string; label: string }[];
  allLabel: string;
  testId: string;
}) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const value = searchParams.get(param) ?? "all";
  // Radix shows an item's text only once its list has rendered; name the choice from the start.
  const shown =
    value === "all" ? allLabel : (options.find((option) => option.value === value)?.label ?? value);
  return (
    <Select
      value={value}
      onValueChange={(next) =>
        startTransition(() =>
          router.push(
            withParams(pathname, searchParams.toString(), {
              [param]: next === "all" ? null : next,
              page: null,
            }),
          ),
        )
      }
    >
      <SelectTrigger aria-label={label} className="w-44" data-testid={testId} aria-busy={pending}>
        <SelectValue>{shown}</SelectValue>
      </SelectTrigger>
      <SelectContent>
        <SelectItem value="all">{allLabel}</SelectItem>
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/** An on/off filter as a link that flips `param=1`, so the filtered view is a shareable URL. */
export function ParamToggle({ param, label, testId }: { param: string; label: string; testId: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const on = searchParams.get(param) === "1";
  const href = withParams(pathname, searchParams.toString(), { [param]: on ? null : "1", page: null });
  return (
    <Link
      href={href}
      aria-pressed={on}
      data-testid={testId}
      scroll={false}
      className={cn(
        "inline-flex h-9 items-center rounded-md border px-3 text-sm transition-colors hover:bg-accent hover:text-accent-foreground",
        on &&
          "border-primary bg-primary text-primary-foreground hover:bg-primary/90 hover:text-primary-foreground",
      )}
    >
      {label}
    </Link>
  );
}

/** A chip for a filter set by a link (e.g. a host's packages), with a way to clear it. */
export function ParamChip({ param, label, testId }: { param: string; label: string; testId: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  if (!searchParams.get(param)) return null;
  return (
    <span
      className="inline-flex h-9 items-center gap-2 rounded-md border bg-muted px-3 text-sm"
      data-testid={testId}
    >
      {label}
      <Link
        href={withParams(pathname, searchParams.toString(), { [param]: null, page: null })}
        className="text-muted-foreground hover:text-foreground"
        aria-label={`Clear ${label}`}
      >
        ×
      </Link>
    </span>
  );
}
