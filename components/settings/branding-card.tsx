"use client";

import { ImageIcon, RotateCcw, Upload } from "lucide-react";
import { useTransition } from "react";
import { toast } from "sonner";

import { resetBrandingAction, uploadBrandingAction } from "@/app/(app)/settings/branding/actions";
import { useResultToast } from "@/components/profile/use-result-toast";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { cn } from "@/lib/utils";

export type BrandingKind = "logo-light" | "logo-dark" | "favicon";

const ACCEPT = "image/png,image/jpeg,image/webp,image/x-icon,image/vnd.microsoft.icon,.ico";

/** One image: preview on the background it is meant for, upload, and reset to the default. */
export function BrandingCard({
  kind,
  title,
  description,
  version,
}: {
  kind: BrandingKind;
  title: string;
  description: string;
  /** The stored file's name (changes with each upload, so the preview is never a stale cache), or null. */
  version: string | null;
}) {
  const [state, onSubmit, pending] = useActionForm(uploadBrandingAction, null);
  useResultToast(state, `${title} updated.`);
  const [resetting, startReset] = useTransition();
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const id = `branding-${kind}`;
  const reset = () =>
    startReset(async () => {
      const result = await resetBrandingAction(null, { kind });
      if (result.ok) toast.success(`${title} reset to the default.`);
      else toast.error(result.error);
    });
  return (
    <Card data-testid={`branding-card-${kind}`}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div
          className={cn(
            "flex h-24 items-center justify-center rounded-md border",
            kind === "logo-dark" ? "bg-neutral-900" : "bg-white",
          )}
        >
          {version ? (
            // biome-ignore lint/performance/noImgElement: an uploaded file served by our route; next/image adds nothing here.
            <img
              src={`/api/branding/${kind}?v=${encodeURIComponent(version)}`}
              alt={`${title} preview`}
              className={kind === "favicon" ? "size-8" : "max-h-16 max-w-[80%] object-contain"}
              data-testid={`branding-preview-${kind}`}
            />
          ) : (
            <span
              className="flex items-center gap-2 text-neutral-500 text-sm"
              data-testid={`branding-default-${kind}`}
            >
              <ImageIcon className="size-4" aria-hidden /> Default
            </span>
          )}
        </div>
        <form onSubmit={onSubmit} className="grid gap-3" noValidate>
          <input type="hidden" name="kind" value={kind} />
          <FormField
            id={id}
            label="Image file"
            errors={errors.file}
            hint="PNG, JPEG, WebP or ICO, up to 1 MB."
          >
            <Input
              id={id}
              name="file"
              type="file"
              accept={ACCEPT}
              data-testid={`branding-file-${kind}`}
              {...fieldAria(id, errors.file, true)}
            />
          </FormField>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" size="sm" disabled={pending} data-testid={`branding-upload-${kind}`}>
              <Upload aria-hidden /> {pending ? "Uploading…" : "Upload"}
            </Button>
            {version ? (
              <Button
                type="button"
                size="sm"
                variant="outline"
                disabled={resetting}
                onClick={reset}
                data-testid={`branding-reset-${kind}`}
              >
                <RotateCcw aria-hidden /> Use default
              </Button>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
