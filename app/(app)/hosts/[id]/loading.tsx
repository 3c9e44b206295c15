import { Skeleton } from "@/components/ui/skeleton";

export default function HostDetailLoading() {
  return (
    <div
      className="mx-auto flex w-full max-w-7xl flex-col gap-6"
      role="status"
      aria-busy="true"
      aria-label="Loading host"
    >
      <Skeleton className="h-8 w-20" />
      <div className="flex items-center gap-3">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-5 w-16" />
      </div>
      <Skeleton className="h-5 w-96 max-w-full" />
      <Skeleton className="h-10 w-full" />
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-64" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}
