"use client";

import { UserPlus } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import type { HostGroupOption, RoleOption } from "./types";
import { UserForm } from "./user-form";

export function CreateUserButton(props: {
  roles: RoleOption[];
  hostGroups: HostGroupOption[];
  passwordRules: string[];
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button data-testid="user-create">
          <UserPlus aria-hidden />
          New user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New user</DialogTitle>
          <DialogDescription>
            The user signs in with this username or email and the initial password.
          </DialogDescription>
        </DialogHeader>
        <UserForm {...props} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
