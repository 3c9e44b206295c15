import { ServerOff } from "lucide-react";
import Link from "next/link";

import { Button } from "@/components/ui/button";

// Shown for a host that does not exist, was deleted, or lies outside the user's host groups: the
// same page in every case, so a host's existence never leaks.
export default function HostNotFound() {
  return (
    <div
      className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center"
      data-testid="host-not-found"
    >
      <ServerOff className="size-10 text-muted-foreground" aria-hidden />
      <h1 className="font-semibold text-xl">Host not found</h1>
      <p className="text-muted-foreground text-sm">
        It may have been deleted, or it belongs to a host group you do not have access to.
      </p>
      <Button asChild variant="outline">
        <Link href="/hosts">Back to hosts</Link>
      </Button>
    </div>
  );
}
