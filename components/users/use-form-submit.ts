"use client";

import { type FormEvent, useTransition } from "react";

/**
 * Submits a form to a useActionState action without React's automatic form reset, so a refused
 * submission keeps what the user typed (the field errors point at it).
 */
export function useFormSubmit(dispatch: (data: FormData) => void) {
  const [, startTransition] = useTransition();
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
}
