import { SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-svh items-center justify-center p-4" data-testid="not-found">
      <Card className="w-full max-w-md">
        <CardHeader>
          <div className="mb-2 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
            <SearchX className="size-5" aria-hidden />
          </div>
          <CardTitle>
            <h1 className="text-lg">Page not found</h1>
          </CardTitle>
          <CardDescription>
            There is nothing at this address. It may have been moved, or the host or item it pointed to was
            removed.
          </CardDescription>
        </CardHeader>
        <CardFooter>
          <Button asChild>
            <Link href="/" data-testid="not-found-home">
              Back to dashboard
            </Link>
          </Button>
        </CardFooter>
      </Card>
    </main>
  );
}
