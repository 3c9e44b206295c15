import { Skeleton } from "@/components/ui/skeleton";

export default function AlertsLoading() {
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6" data-testid="alerts-loading">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-9 w-full max-w-3xl" />
      <Skeleton className="h-96 w-full" />
    </div>
  );
}
