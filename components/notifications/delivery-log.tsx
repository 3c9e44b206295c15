import { Inbox } from "lucide-react";

import { LocalTime } from "@/components/profile/local-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export type DeliveryView = {
  id: string;
  channelName: string;
  title: string | null;
  status: string;
  attempts: number;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
};

const STATUS_STYLES: Record<string, string> = {
  sent: "border-emerald-500/30 text-emerald-700 dark:text-emerald-300",
  pending: "border-amber-500/30 text-amber-700 dark:text-amber-300",
  failed: "border-red-500/30 text-red-700 dark:text-red-300",
};

export function DeliveryLog({ deliveries }: { deliveries: DeliveryView[] }) {
  if (deliveries.length === 0) {
    return (
      <div
        className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-10 text-center"
        data-testid="deliveries-empty"
      >
        <Inbox className="size-8 text-muted-foreground" aria-hidden />
        <p className="font-medium">Nothing sent yet.</p>
      </div>
    );
  }
  return (
    <div className="rounded-lg border">
      <Table data-testid="deliveries-table">
        <TableHeader>
          <TableRow>
            <TableHead>Queued</TableHead>
            <TableHead>Channel</TableHead>
            <TableHead>Message</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Attempts</TableHead>
            <TableHead>Error</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {deliveries.map((delivery) => (
            <TableRow key={delivery.id} data-testid="delivery-row" data-status={delivery.status}>
              <TableCell className="whitespace-nowrap">
                <LocalTime value={delivery.createdAt} />
              </TableCell>
              <TableCell>{delivery.channelName}</TableCell>
              <TableCell className="max-w-64 truncate">{delivery.title ?? "—"}</TableCell>
              <TableCell>
                <Badge
                  variant="outline"
                  className={cn("capitalize", STATUS_STYLES[delivery.status])}
                  data-testid="delivery-status"
                >
                  {delivery.status}
                </Badge>
              </TableCell>
              <TableCell>{delivery.attempts}</TableCell>
              <TableCell
                className="max-w-80 truncate text-destructive text-xs"
                title={delivery.error ?? undefined}
              >
                {delivery.error ?? ""}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
