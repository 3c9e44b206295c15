"use client";

import { LogOut, Monitor } from "lucide-react";

import { revokeOtherSessionsAction, revokeSessionAction } from "@/app/(app)/profile/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ConfirmAction } from "./confirm-action";
import { LocalTime } from "./local-time";

export type SessionRow = {
  id: string;
  browser: string;
  os: string;
  ip: string | null;
  createdAt: string;
  lastActivityAt: string;
  current: boolean;
};

export function SessionsList({ sessions }: { sessions: SessionRow[] }) {
  const others = sessions.filter((session) => !session.current).length;
  return (
    <div className="grid gap-4">
      <div className="overflow-x-auto rounded-md border">
        <Table data-testid="sessions-table">
          <TableHeader>
            <TableRow>
              <TableHead>Device</TableHead>
              <TableHead>IP address</TableHead>
              <TableHead>Signed in</TableHead>
              <TableHead>Last activity</TableHead>
              <TableHead className="w-0">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sessions.map((session) => (
              <TableRow key={session.id} data-testid={session.current ? "session-current" : "session-row"}>
                <TableCell>
                  <div className="flex items-center gap-2">
                    <Monitor className="size-4 text-muted-foreground" aria-hidden />
                    <span>
                      {session.browser} on {session.os}
                    </span>
                    {session.current ? <Badge variant="secondary">This session</Badge> : null}
                  </div>
                </TableCell>
                <TableCell className="font-mono text-xs">{session.ip ?? "—"}</TableCell>
                <TableCell>
                  <LocalTime value={session.createdAt} />
                </TableCell>
                <TableCell>
                  <LocalTime value={session.lastActivityAt} />
                </TableCell>
                <TableCell className="text-right">
                  {session.current ? null : (
                    <ConfirmAction
                      trigger={
                        <Button variant="ghost" size="sm" data-testid="session-revoke">
                          Sign out
                        </Button>
                      }
                      title="Sign out this session?"
                      description={`${session.browser} on ${session.os} will have to sign in again.`}
                      confirmLabel="Sign out"
                      run={() => revokeSessionAction(null, { sessionId: session.id })}
                      success="Session signed out."
                      testId="session-revoke"
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div>
        <ConfirmAction
          trigger={
            <Button variant="outline" disabled={others === 0} data-testid="sessions-revoke-others">
              <LogOut aria-hidden />
              Sign out all other sessions
            </Button>
          }
          title="Sign out all other sessions?"
          description="Every browser and device except this one will have to sign in again."
          confirmLabel="Sign out others"
          run={() => revokeOtherSessionsAction(null, {})}
          success={(data) => `${data.count} session${data.count === 1 ? "" : "s"} signed out.`}
          testId="sessions-revoke-others"
        />
        {others === 0 ? (
          <p className="mt-2 text-muted-foreground text-sm">This is your only session.</p>
        ) : null}
      </div>
    </div>
  );
}
