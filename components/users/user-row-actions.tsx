"use client";

import { MoreHorizontal } from "lucide-react";
import { useState } from "react";

import { resetTfaAction, setUserActiveAction, unlockUserAction } from "@/app/(app)/users/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ConfirmUserAction } from "./confirm-user-action";
import type { HostGroupOption, RoleOption, UserRow } from "./types";
import { UserForm } from "./user-form";
import { DeleteUserDialog, ResetPasswordDialog } from "./user-secret-dialogs";

type Open = null | "edit" | "password" | "delete" | "active" | "unlock" | "tfa";

export function UserRowActions({
  user,
  isSelf,
  isLocked,
  roles,
  hostGroups,
  passwordRules,
}: {
  user: UserRow;
  isSelf: boolean;
  isLocked: boolean;
  roles: RoleOption[];
  hostGroups: HostGroupOption[];
  passwordRules: string[];
}) {
  const [open, setOpen] = useState<Open>(null);
  const dialog = (name: Open) => ({
    open: open === name,
    onOpenChange: (next: boolean) => setOpen(next ? name : null),
  });
  const fields = { userId: user.id };

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Actions for ${user.username}`}
            data-testid={`user-actions-${user.username}`}
          >
            <MoreHorizontal aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => setOpen("edit")} data-testid="user-action-edit">
            Edit
          </DropdownMenuItem>
          {isSelf ? null : (
            <>
              <DropdownMenuItem onSelect={() => setOpen("password")} data-testid="user-action-password">
                Reset password
              </DropdownMenuItem>
              {isLocked ? (
                <DropdownMenuItem onSelect={() => setOpen("unlock")} data-testid="user-action-unlock">
                  Unlock
                </DropdownMenuItem>
              ) : null}
              {user.tfaEnabled ? (
                <DropdownMenuItem onSelect={() => setOpen("tfa")} data-testid="user-action-tfa">
                  Reset two-factor
                </DropdownMenuItem>
              ) : null}
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => setOpen("active")} data-testid="user-action-active">
                {user.isActive ? "Disable" : "Enable"}
              </DropdownMenuItem>
              <DropdownMenuItem
                variant="destructive"
                onSelect={() => setOpen("delete")}
                data-testid="user-action-delete"
              >
                Delete
              </DropdownMenuItem>
            </>
          )}
        </DropdownMenuContent>
      </DropdownMenu>

      <Dialog {...dialog("edit")}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Edit {user.username}</DialogTitle>
            <DialogDescription>Usernames do not change; everything else can.</DialogDescription>
          </DialogHeader>
          <UserForm
            user={user}
            roles={roles}
            hostGroups={hostGroups}
            passwordRules={passwordRules}
            isSelf={isSelf}
            onDone={() => setOpen(null)}
          />
        </DialogContent>
      </Dialog>
      <ResetPasswordDialog user={user} rules={passwordRules} {...dialog("password")} />
      <DeleteUserDialog user={user} {...dialog("delete")} />
      <ConfirmUserAction
        {...dialog("active")}
        title={user.isActive ? `Disable ${user.username}?` : `Enable ${user.username}?`}
        description={
          user.isActive
            ? "They are signed out everywhere and cannot sign in until enabled again."
            : "They can sign in again with their password."
        }
        action={setUserActiveAction}
        fields={{ ...fields, active: user.isActive ? "false" : "true" }}
        confirmLabel={user.isActive ? "Disable" : "Enable"}
        success={user.isActive ? `Disabled ${user.username}.` : `Enabled ${user.username}.`}
        destructive={user.isActive}
      />
      <ConfirmUserAction
        {...dialog("unlock")}
        title={`Unlock ${user.username}?`}
        description="Clears the failed sign-in count and the lockout."
        action={unlockUserAction}
        fields={fields}
        confirmLabel="Unlock"
        success={`Unlocked ${user.username}.`}
      />
      <ConfirmUserAction
        {...dialog("tfa")}
        title={`Reset two-factor of ${user.username}?`}
        description="Removes their authenticator, backup codes and remembered devices; they sign in with the password alone until they enrol again."
        action={resetTfaAction}
        fields={fields}
        confirmLabel="Reset two-factor"
        success={`Two-factor reset for ${user.username}.`}
        destructive
      />
    </>
  );
}
