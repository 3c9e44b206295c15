import { Users } from "lucide-react";

import { LocalTime } from "@/components/profile/local-time";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { HostGroupOption, RoleOption, UserRow } from "./types";
import { UserRowActions } from "./user-row-actions";

function StatusBadges({ user, locked }: { user: UserRow; locked: boolean }) {
  return (
    <div className="flex flex-wrap gap-1">
      {user.isActive ? (
        <Badge variant="secondary">Active</Badge>
      ) : (
        <Badge variant="destructive">Disabled</Badge>
      )}
      {locked ? <Badge variant="destructive">Locked</Badge> : null}
      {user.tfaEnabled ? <Badge variant="outline">2FA</Badge> : null}
      {user.isSso ? <Badge variant="outline">SSO</Badge> : null}
    </div>
  );
}

export function UsersTable({
  users,
  actorId,
  canManage,
  canManageSuperusers,
  roles,
  hostGroups,
  passwordRules,
  now,
}: {
  users: UserRow[];
  actorId: string;
  canManage: boolean;
  canManageSuperusers: boolean;
  roles: RoleOption[];
  hostGroups: HostGroupOption[];
  passwordRules: string[];
  now: number;
}) {
  if (users.length === 0) {
    return (
      <div
        className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-10 text-center"
        data-testid="users-empty"
      >
        <Users className="size-8 text-muted-foreground" aria-hidden />
        <p className="font-medium">No users match these filters.</p>
      </div>
    );
  }
  const groupNames = new Map(hostGroups.map((group) => [group.id, group.name]));
  return (
    <div className="rounded-lg border">
      <Table data-testid="users-table">
        <TableHeader>
          <TableRow>
            <TableHead>User</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Host groups</TableHead>
            <TableHead>Last sign-in</TableHead>
            {canManage ? (
              <TableHead className="w-12">
                <span className="sr-only">Actions</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => {
            const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > now;
            const name = [user.firstName, user.lastName].filter(Boolean).join(" ");
            // Superadmin accounts are only for superadmins to change (the server says so too).
            const manageable = canManage && (canManageSuperusers || !user.roleIsSuperuser);
            return (
              <TableRow key={user.id} data-testid={`user-row-${user.username}`}>
                <TableCell>
                  <div className="font-medium">{user.username}</div>
                  <div className="text-muted-foreground text-xs">
                    {name ? `${name} · ${user.email}` : user.email}
                  </div>
                </TableCell>
                <TableCell>
                  <Badge variant={user.roleIsSuperuser ? "default" : "outline"}>{user.roleName}</Badge>
                </TableCell>
                <TableCell>
                  <StatusBadges user={user} locked={locked} />
                </TableCell>
                <TableCell className="text-muted-foreground text-xs">
                  {user.hostGroupIds.length === 0
                    ? "All hosts"
                    : user.hostGroupIds.map((id) => groupNames.get(id) ?? "hidden group").join(", ")}
                </TableCell>
                <TableCell className="text-sm">
                  <LocalTime value={user.lastLoginAt?.toISOString() ?? null} fallback="Never" />
                </TableCell>
                {canManage ? (
                  <TableCell>
                    {manageable ? (
                      <UserRowActions
                        user={user}
                        isSelf={user.id === actorId}
                        isLocked={locked}
                        roles={roles}
                        hostGroups={hostGroups}
                        passwordRules={passwordRules}
                      />
                    ) : null}
                  </TableCell>
                ) : null}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
