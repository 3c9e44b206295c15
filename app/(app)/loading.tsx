import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

const placeholders = Array.from({ length: 8 }, (_, index) => `placeholder-${index}`);

export default function Loading() {
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6" data-testid="page-loading" aria-busy="true">
      <span className="sr-only">Loading…</span>
      <div className="flex flex-col gap-2">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-4 w-72 max-w-full" />
      </div>
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3 xl:grid-cols-4">
        {placeholders.map((key) => (
          <Card key={key} className="gap-3 py-5">
            <CardHeader className="flex flex-row items-center justify-between px-5">
              <Skeleton className="h-4 w-24" />
              <Skeleton className="size-8" />
            </CardHeader>
            <CardContent className="flex flex-col gap-2 px-5">
              <Skeleton className="h-8 w-16" />
              <Skeleton className="h-3 w-28" />
            </CardContent>
          </Card>
        ))}
      </div>
    </div>
  );
}
