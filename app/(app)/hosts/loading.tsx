import { Skeleton } from "@/components/ui/skeleton";

export default function HostsLoading() {
  return (
    <div className="mx-auto flex w-full max-w-screen-2xl flex-col gap-6" aria-busy="true" role="status">
      <span className="sr-only">Loading hosts…</span>
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-9 w-full max-w-2xl" />
      <div className="flex flex-col gap-2">
        {Array.from({ length: 10 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    </div>
  );
}
