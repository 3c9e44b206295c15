"use client";

import { LogOut, Monitor } from "lucide-react";

import { revokeOtherSessionsAction, revokeSessionAction } from "@/app/(app)/profile/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { BrowserTable } from "./browser-table";
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
    <BrowserTable
      rows={sessions}
      icon={Monitor}
      columns={[
        { label: "Signed in", cell: (session) => <LocalTime value={session.createdAt} /> },
        { label: "Last activity", cell: (session) => <LocalTime value={session.lastActivityAt} /> },
      ]}
      badge={(session) => (session.current ? <Badge variant="secondary">This session</Badge> : null)}
      action={(session) =>
        session.current ? null : (
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
        )
      }
      rowTestId={(session) => (session.current ? "session-current" : "session-row")}
      testId="sessions-table"
      footer={
        <>
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
        </>
      }
    />
  );
}
