import { Skeleton } from "@/components/ui/skeleton";

export default function NotificationsLoading() {
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-6" data-testid="notifications-loading">
      <Skeleton className="h-8 w-48" />
      <Skeleton className="h-9 w-72" />
      <Skeleton className="h-72 w-full" />
    </div>
  );
}
