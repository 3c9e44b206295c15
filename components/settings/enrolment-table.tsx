import { Ticket } from "lucide-react";

import { LocalTime } from "@/components/profile/local-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { EnrolmentTokenListRow } from "@/lib/settings/enrolment";
import { EnrolmentDelete, EnrolmentEnabledSwitch } from "./enrolment-row-actions";

function expiry(expiresAt: Date | null) {
  if (!expiresAt) return <span className="text-muted-foreground">Never</span>;
  const expired = expiresAt.getTime() <= Date.now();
  return (
    <span className="inline-flex items-center gap-1">
      <LocalTime value={expiresAt.toISOString()} />
      {expired ? <Badge variant="destructive">Expired</Badge> : null}
    </span>
  );
}

export function EnrolmentTable({ tokens }: { tokens: EnrolmentTokenListRow[] }) {
  if (tokens.length === 0) {
    return (
      <div
        className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-8 text-center"
        data-testid="tokens-empty"
      >
        <Ticket className="size-6 text-muted-foreground" aria-hidden />
        <p className="font-medium">No enrolment tokens</p>
        <p className="text-muted-foreground text-sm">
          Create one to enrol a Proxmox node's containers or a batch of hosts without adding each by hand.
        </p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table data-testid="tokens-table">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Key</TableHead>
            <TableHead className="text-right">Per day</TableHead>
            <TableHead className="text-right">Used today</TableHead>
            <TableHead>Allowed addresses</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead>Default groups</TableHead>
            <TableHead>Enabled</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {tokens.map((token) => (
            <TableRow key={token.id} data-testid={`token-row-${token.name}`}>
              <TableCell className="font-medium">{token.name}</TableCell>
              <TableCell className="font-mono text-xs">{token.tokenKey}</TableCell>
              <TableCell className="text-right tabular-nums">{token.maxHostsPerDay}</TableCell>
              <TableCell className="text-right tabular-nums">{token.usedToday}</TableCell>
              <TableCell className="max-w-48 font-mono text-xs">
                {token.allowedIpRanges.length > 0 ? (
                  token.allowedIpRanges.join(", ")
                ) : (
                  <span className="font-sans text-muted-foreground">Any</span>
                )}
              </TableCell>
              <TableCell>{expiry(token.expiresAt)}</TableCell>
              <TableCell>
                {token.groups.length > 0 ? (
                  <span className="flex flex-wrap gap-1">
                    {token.groups.map((group) => (
                      <Badge key={group} variant="secondary">
                        {group}
                      </Badge>
                    ))}
                  </span>
                ) : (
                  <span className="text-muted-foreground">None</span>
                )}
              </TableCell>
              <TableCell>
                <EnrolmentEnabledSwitch token={token} />
              </TableCell>
              <TableCell>
                <EnrolmentDelete token={token} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
