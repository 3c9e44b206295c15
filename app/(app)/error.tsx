"use client";

import { RefreshCw, TriangleAlert } from "lucide-react";
import { useEffect } from "react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

interface ErrorPageProps {
  error: unknown;
  /** Re-fetches the segment from the server; `reset` only re-renders, which cannot fix a failed query. */
  retry: () => void;
}

export default function ErrorPage({ error, retry }: ErrorPageProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  // Server errors arrive with a digest that matches the server log; never show the message or stack.
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;

  return (
    <div className="mx-auto flex w-full max-w-xl flex-col py-8" data-testid="page-error">
      <Card>
        <CardHeader>
          <div className="mb-2 flex size-10 items-center justify-center rounded-full bg-destructive/10 text-destructive">
            <TriangleAlert className="size-5" aria-hidden />
          </div>
          <CardTitle className="text-lg">Something went wrong</CardTitle>
          <CardDescription>
            This page could not be loaded. It is usually temporary, for example while the database restarts.
            Try again; if it keeps happening, check the server logs.
          </CardDescription>
        </CardHeader>
        {digest ? (
          <CardContent>
            <p className="text-muted-foreground text-xs">
              Reference: <code className="font-mono">{digest}</code>
            </p>
          </CardContent>
        ) : null}
        <CardFooter>
          <Button onClick={() => retry()} data-testid="error-retry">
            <RefreshCw aria-hidden />
            Retry
          </Button>
        </CardFooter>
      </Card>
    </div>
  );
}
