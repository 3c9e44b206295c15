"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";

/** A command or secret in a monospace block with a copy button. */
export function CopyBlock({ value, label, testId }: { value: string; label: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast.error("Copying is blocked here; select the text and copy it by hand.");
    }
  }
  return (
    <div className="flex items-start gap-2">
      <code
        className="min-w-0 flex-1 select-all whitespace-pre-wrap break-all rounded-md border bg-muted px-3 py-2 font-mono text-xs"
        data-testid={testId}
      >
        {value}
      </code>
      <Button type="button" variant="outline" size="icon" onClick={copy} aria-label={`Copy ${label}`}>
        {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      </Button>
    </div>
  );
}
