// The pure rules of user and role administration. Services call these with rows they loaded;
// tests call them directly.
import type { Actor } from "@/lib/auth/actor";
import { PermissionError, ServiceError } from "@/lib/errors";
import { effectiveHostScope, PERMISSION_LABELS, type Permission } from "@/lib/permissions";

export const SUPERUSER_ONLY = "Only a superadmin can do this to a superadmin-level account or role.";

function actorIsSuperuser(actor: Actor): boolean {
  return actor.permissions.has("can_manage_superusers");
}

export type AdministeredUser = {
  roleIsSuperuser: boolean;
  rolePermissions: readonly string[];
  roleHostGroupIds: readonly string[];
  hostGroupIds: readonly string[];
};

/**
 * Whom an actor may administer (edit, reset, disable, delete): a superuser account only a
 * superuser; otherwise only accounts that can do no more than the actor (a user manager must not
 * reset an admin's password and sign in as them), and for a host-group-limited actor only accounts
 * limited to groups inside its own scope.
 */
export function assertMayAdministerUser(actor: Actor, target: AdministeredUser): void {
  if (target.roleIsSuperuser && !actorIsSuperuser(actor)) throw new PermissionError(SUPERUSER_ONLY);
  if (target.rolePermissions.some((p) => !actor.permissions.has(p as Permission)))
    throw new PermissionError("You cannot manage an account that holds permissions you do not hold.");
  if (actor.hostGroupScope !== null) {
    const scope = effectiveHostScope(target.roleHostGroupIds, target.hostGroupIds);
    const allowed = new Set(actor.hostGroupScope);
    if (scope === null || scope.some((id) => !allowed.has(id)))
      throw new PermissionError("You can only manage accounts limited to host groups you can see yourself.");
  }
}

/**
 * Nobody hands out what they do not hold: assigning a role or saving one may only grant the
 * actor's own permissions (so an admin cannot mint a superadmin, nor a user manager an admin).
 */
export function assertMayGrant(actor: Actor, permissions: readonly Permission[]): void {
  if (permissions.includes("can_manage_superusers") && !actorIsSuperuser(actor))
    throw new PermissionError(SUPERUSER_ONLY);
  const missing = permissions.filter((p) => !actor.permissions.has(p));
  if (missing.length > 0)
    throw new PermissionError(
      `You cannot grant permissions you do not hold: ${missing.map((p) => PERMISSION_LABELS[p]).join(", ")}.`,
    );
}

/**
 * A host-group-limited actor may only hand out a scope inside its own, and must hand one out:
 * an empty scope would mean the whole fleet.
 */
export function assertScopeWithin(actor: Actor, hostGroupIds: readonly string[]): void {
  if (actor.hostGroupScope === null) return;
  const allowed = new Set(actor.hostGroupScope);
  if (hostGroupIds.length === 0 || hostGroupIds.some((id) => !allowed.has(id)))
    throw new PermissionError("You can only grant access to host groups you can see yourself.");
}

export function assertNotSelf(actor: Actor, targetUserId: string, message: string): void {
  if (actor.userId === targetUserId) throw new ServiceError(message, { status: 400 });
}

/** `remainingIds`: active superusers after the change. At least one must be left. */
export function assertSuperuserRemains(remainingIds: readonly string[]): void {
  if (remainingIds.length === 0)
    throw new ServiceError("This is the last active superadmin; promote another user first.", {
      status: 409,
    });
}

/** Whether a role change, disable or delete of `targetId` is about to take a superuser away. */
export function activeSuperusersAfterRemoving(activeIds: readonly string[], targetId: string): string[] {
  return activeIds.filter((id) => id !== targetId);
}
