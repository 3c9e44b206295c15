"use client";

import { useRef } from "react";

import { commentOnAlertAction } from "@/app/(app)/alerts/actions";
import { LocalTime } from "@/components/profile/local-time";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { useActionForm } from "@/components/ui/use-action-form";

export type CommentView = { id: string; username: string | null; body: string; createdAt: string };

export function AlertComments({
  alertId,
  comments,
  canComment,
}: {
  alertId: string;
  comments: CommentView[];
  canComment: boolean;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [state, onSubmit, pending] = useActionForm(commentOnAlertAction, null);
  useResultToast(state, "Comment added.", () => form.current?.reset());
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <section className="flex flex-col gap-4" aria-labelledby="alert-comments-heading">
      <h2 id="alert-comments-heading" className="font-semibold text-lg">
        Comments
      </h2>
      {comments.length === 0 ? (
        <p className="text-muted-foreground text-sm" data-testid="alert-comments-empty">
          No comments yet.
        </p>
      ) : (
        <ol className="flex flex-col gap-3" data-testid="alert-comments">
          {comments.map((comment) => (
            <li key={comment.id} className="rounded-md border p-3" data-testid="alert-comment">
              <div className="mb-1 flex items-center gap-2 text-muted-foreground text-xs">
                <span className="font-medium text-foreground">{comment.username ?? "Deleted user"}</span>
                <LocalTime value={comment.createdAt} />
              </div>
              <p className="whitespace-pre-wrap text-sm">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment ? (
        <form ref={form} onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
          <input type="hidden" name="alertId" value={alertId} />
          <FormField id="alert-comment-body" label="Add a comment" errors={errors.body}>
            <Textarea
              id="alert-comment-body"
              name="body"
              rows={3}
              maxLength={5000}
              data-testid="alert-comment-body"
              {...fieldAria("alert-comment-body", errors.body)}
            />
          </FormField>
          <div>
            <Button type="submit" size="sm" disabled={pending} data-testid="alert-comment-submit">
              {pending ? "Posting…" : "Post comment"}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
