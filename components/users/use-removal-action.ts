"use client";

import { type FormEvent, useState, useTransition } from "react";
import { toast } from "sonner";

import type { ActionResult } from "@/lib/auth/action";

/**
 * For actions whose success removes the component's own row (a delete): the toast is raised here,
 * after the call returns, because the revalidated page may already have unmounted the component
 * (useActionState's result would never be seen).
 */
export function useRemovalAction<T>(
  action: (previous: unknown, input: FormData) => Promise<ActionResult<T>>,
  success: string,
) {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<ActionResult<T> | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await action(null, data);
      setState(result);
      if (result.ok) toast.success(success);
      else toast.error(result.error);
    });
  };
  return { state, pending, onSubmit };
}
