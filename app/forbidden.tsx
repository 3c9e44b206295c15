import { ShieldX } from "lucide-react";
import Link from "next/link";

import { Button } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <div
      className="flex min-h-[60svh] flex-col items-center justify-center gap-4 p-8 text-center"
      data-testid="forbidden"
    >
      <ShieldX className="size-10 text-muted-foreground" aria-hidden />
      <div className="grid gap-1">
        <h1 className="font-semibold text-xl">You do not have access to this page</h1>
        <p className="text-muted-foreground text-sm">
          Your role does not include the permission it needs. Ask an administrator.
        </p>
      </div>
      <Button asChild variant="outline">
        <Link href="/">Back to the dashboard</Link>
      </Button>
    </div>
  );
}
