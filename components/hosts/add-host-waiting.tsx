"use client";

import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const POLL_MS = 3000;

/**
 * Polls the host every few seconds until its first report arrives, then opens its page. A failed
 * poll is retried quietly: the panel stays useful through a brief network hiccup.
 */
export function AddHostWaiting({ hostId }: { hostId: string }) {
  const router = useRouter();
  const [gone, setGone] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      try {
        const response = await fetch(`/api/v1/hosts/${hostId}`, { cache: "no-store" });
        if (response.status === 404) {
          setGone(true);
          return;
        }
        if (response.ok) {
          const host = (await response.json()) as { lastReportAt: string | null };
          if (host.lastReportAt) {
            router.push(`/hosts/${hostId}`);
            return;
          }
        }
      } catch {
        // Try again on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    }
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [hostId, router]);

  return (
    <Card data-testid="add-host-waiting">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {gone ? null : <Loader2 className="size-4 animate-spin" aria-hidden />}
          {gone ? "This host was deleted" : "Waiting for the first report…"}
        </CardTitle>
        <CardDescription>
          {gone
            ? "It no longer exists, so it will never report."
            : "This page opens the host as soon as its agent sends a report. You can also leave it and come back later."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Link href={`/hosts/${hostId}`} className="text-sm underline-offset-4 hover:underline">
          Open the host page now
        </Link>
      </CardContent>
    </Card>
  );
}
