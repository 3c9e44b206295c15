"use client";

import { Search } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { withParams } from "./url-params";

type SearchInputProps = {
  placeholder?: string;
  /** The URL param written; `q` unless a page needs another. */
  param?: string;
  delayMs?: number;
  className?: string;
  "aria-label"?: string;
};

/**
 * A search box that writes its text to the URL after the user pauses typing. replace, not push:
 * each keystroke must not become a history entry. The page goes back to 1 with a new search.
 */
export function SearchInput({
  placeholder = "Search…",
  param = "q",
  delayMs = 300,
  className,
  "aria-label": ariaLabel = "Search",
}: SearchInputProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const urlValue = searchParams.get(param) ?? "";
  const [value, setValue] = useState(urlValue);
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Back/forward or a link changes the URL: show what it says.
  useEffect(() => {
    setValue(urlValue);
  }, [urlValue]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function onChange(next: string) {
    setValue(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (next.trim() === urlValue.trim()) return;
      startTransition(() => {
        router.replace(withParams(pathname, searchParams.toString(), { [param]: next.trim(), page: null }), {
          scroll: false,
        });
      });
    }, delayMs);
  }

  return (
    <div className={cn("relative w-full max-w-sm", className)}>
      <Search
        className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground"
        aria-hidden
      />
      <Input
        type="search"
        value={value}
        placeholder={placeholder}
        aria-label={ariaLabel}
        aria-busy={pending}
        data-testid="search-input"
        className="pl-8"
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
