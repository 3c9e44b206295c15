// Who is calling: the session cookie's row, checked against the database on every request
// (revoked, expired, idle for SESSION_INACTIVITY_TIMEOUT_MINUTES, user disabled).
import { cache } from "react";
import { getSessionActor, revokeSession, touchSession } from "@/db/queries/auth";
import { getEnv } from "@/lib/env";
import { effectiveHostScope, type Permission, permissionsOfRole } from "@/lib/permissions";
import { auth } from "./config";

export type Actor = {
  userId: string;
  sessionId: string;
  username: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  roleId: string;
  roleName: string;
  /** The role may manage superusers: it is a superadmin-level role. */
  isSuperuser: boolean;
  permissions: ReadonlySet<Permission>;
  /** Host groups this user may see; null means the whole fleet. */
  hostGroupScope: string[] | null;
  themePreference: string;
  tfaEnabled: boolean;
};

/** Loads and checks a session by id. Exported for tests and API token callers. */
export async function loadActor(sessionId: string, now = new Date()): Promise<Actor | null> {
  const row = await getSessionActor(sessionId);
  if (!row || row.revokedAt || !row.isActive) return null;
  if (row.expiresAt <= now) return null;
  const idleMs = getEnv().auth.sessionInactivityTimeoutMinutes * 60_000;
  if (now.getTime() - row.lastActivityAt.getTime() > idleMs) {
    await revokeSession(row.sessionId);
    return null;
  }
  // At most a quarter of the idle timeout between writes, so an active user is never idled out.
  await touchSession(row.sessionId, Math.max(1, Math.min(60, Math.floor(idleMs / 4000))));
  const displayName = [row.firstName, row.lastName].filter(Boolean).join(" ") || row.username;
  return {
    userId: row.userId,
    sessionId: row.sessionId,
    username: row.username,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    displayName,
    roleId: row.role.id,
    roleName: row.role.name,
    isSuperuser: row.role.canManageSuperusers,
    permissions: new Set(permissionsOfRole(row.role)),
    hostGroupScope: effectiveHostScope(row.roleGroupIds, row.userGroupIds),
    themePreference: row.themePreference,
    tfaEnabled: row.tfaEnabled,
  };
}

/** The signed-in user of this request, or null. One database round trip per request at most. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const sid = session?.sid;
  if (!sid || !/^[0-9a-f-]{36}$/i.test(sid)) return null;
  return loadActor(sid);
});
