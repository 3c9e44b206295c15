"use client";

import { Copy, Download } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

/** The backup codes, shown this one time: they are stored only as hashes. */
export function BackupCodesDialog({ codes, onDone }: { codes: string[] | null; onDone: () => void }) {
  const text = codes?.join("\n") ?? "";

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast.success("Backup codes copied.");
    } catch {
      toast.error("Could not copy: select the codes and copy them by hand.");
    }
  }

  function download() {
    const blob = new Blob([`PatchMon backup codes\nEach code works once.\n\n${text}\n`], {
      type: "text/plain",
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = "patchmon-backup-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <Dialog open={codes !== null} onOpenChange={(open) => (open ? undefined : onDone())}>
      <DialogContent
        data-testid="backup-codes-dialog"
        // Closing by a stray click would lose codes that cannot be shown again.
        onInteractOutside={(event) => event.preventDefault()}
      >
        <DialogHeader>
          <DialogTitle>Save your backup codes</DialogTitle>
          <DialogDescription>
            Each code signs you in once if you lose your authenticator app. Store them somewhere safe: they
            will not be shown again.
          </DialogDescription>
        </DialogHeader>
        <ul
          className="grid grid-cols-2 gap-2 rounded-md border bg-muted/50 p-4 font-mono text-sm"
          data-testid="backup-codes"
        >
          {codes?.map((code) => (
            <li key={code} data-testid="backup-code">
              {code}
            </li>
          ))}
        </ul>
        <DialogFooter className="gap-2 sm:justify-between">
          <div className="flex gap-2">
            <Button type="button" variant="outline" onClick={copy} data-testid="backup-codes-copy">
              <Copy aria-hidden />
              Copy
            </Button>
            <Button type="button" variant="outline" onClick={download} data-testid="backup-codes-download">
              <Download aria-hidden />
              Download
            </Button>
          </div>
          <Button type="button" onClick={onDone} data-testid="backup-codes-done">
            I have saved them
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
