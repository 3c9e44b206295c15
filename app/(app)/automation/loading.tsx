import { Skeleton } from "@/components/ui/skeleton";

export default function AutomationLoading() {
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6" data-testid="automation-loading">
      <Skeleton className="h-8 w-44" />
      <Skeleton className="h-96 w-full" />
    </div>
  );
}
