// The permission guard every page, server action and route handler calls itself. The proxy is not
// a check; data is only served after one of these passed on the server.
import { forbidden, redirect } from "next/navigation";
import { administratorExists, isSetupMarkedComplete, markSetupComplete } from "@/db/queries/auth";
import { ApiError } from "@/lib/api/errors";
import { NotFoundError, PermissionError } from "@/lib/errors";
import type { Permission } from "@/lib/permissions";
import { type Actor, getActor } from "./actor";

export type { Actor };

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** Throws PermissionError unless the actor holds the permission. For domain services. */
export function assertPermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new PermissionError();
}

/** Whether a host (by its group ids) lies inside the actor's scope. Outside is "not found". */
export function assertHostInScope(actor: Actor, hostGroupIds: readonly string[]): void {
  if (actor.hostGroupScope === null) return;
  const allowed = new Set(actor.hostGroupScope);
  if (!hostGroupIds.some((id) => allowed.has(id))) throw new NotFoundError("Host not found.");
}

let setupDone = false;

/**
 * True once first-run setup finished (a marker in the settings row), or an administrator exists
 * (made with the CLI, say), which then sets the marker. Never false again: later role changes
 * cannot reopen /setup.
 */
export async function isSetupComplete(): Promise<boolean> {
  if (setupDone) return true;
  if (await isSetupMarkedComplete()) {
    setupDone = true;
  } else if (await administratorExists()) {
    await markSetupComplete();
    setupDone = true;
  }
  return setupDone;
}

/** Pages and actions: the signed-in user, or a redirect to /setup (first run) or /login. */
export async function requireUser(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  if (!(await isSetupComplete())) redirect("/setup");
  redirect("/login");
}

/** Pages and actions: the signed-in user holding `permission`, else the 403 page. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireUser();
  if (!hasPermission(actor, permission)) forbidden();
  return actor;
}

/** Route handlers: 401 without a session, 403 without the permission. */
export async function requireApiPermission(permission?: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new ApiError("unauthenticated", 401, "Sign in first.");
  if (permission && !hasPermission(actor, permission)) {
    throw new ApiError("forbidden", 403, "You do not have permission to do this.");
  }
  return actor;
}
