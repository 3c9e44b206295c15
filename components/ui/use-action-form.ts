"use client";

import { type FormEvent, useActionState, useTransition } from "react";

/**
 * useActionState for forms that must keep what the user typed when the server refuses it.
 * Passing an action to <form action> makes React reset every field after each submission; this
 * submits through onSubmit instead, so fields keep their values and only the result changes.
 */
export function useActionForm<State>(
  action: (state: State, formData: FormData) => Promise<State>,
  initialState: Awaited<State>,
): [state: Awaited<State>, onSubmit: (event: FormEvent<HTMLFormElement>) => void, pending: boolean] {
  const [state, dispatch, actionPending] = useActionState(action, initialState);
  const [transitionPending, startTransition] = useTransition();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
  return [state, onSubmit, actionPending || transitionPending];
}
