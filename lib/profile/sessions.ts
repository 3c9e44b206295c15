// The signed-in user's own sessions and remembered devices. Ids passed in are matched against the
// actor's own rows only: another user's id behaves exactly like one that does not exist.
import { listLiveSessions, revokeOtherSessions, revokeSession } from "@/db/queries/auth";
import { forgetDevices, listRememberedDevices } from "@/db/queries/tfa";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import type { RequestContext } from "@/lib/auth/request-context";
import { getEnv } from "@/lib/env";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { parseUserAgent } from "@/lib/user-agent";

export type MySession = {
  id: string;
  browser: string;
  os: string;
  ip: string | null;
  createdAt: Date;
  lastActivityAt: Date;
  current: boolean;
};

export type MyDevice = {
  id: string;
  browser: string;
  os: string;
  ip: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
};

function auditActor(actor: Actor) {
  return { userId: actor.userId, label: actor.username };
}

/** Live sessions, this one first, then by last activity. Idle ones are over even if not yet revoked. */
export async function listMySessions(actor: Actor, now = new Date()): Promise<MySession[]> {
  const idleSince = now.getTime() - getEnv().auth.sessionInactivityTimeoutMinutes * 60_000;
  const rows = await listLiveSessions(actor.userId);
  return rows
    .filter((row) => row.id === actor.sessionId || row.lastActivityAt.getTime() > idleSince)
    .map((row) => ({
      id: row.id,
      ...parseUserAgent(row.userAgent),
      ip: row.ip,
      createdAt: row.createdAt,
      lastActivityAt: row.lastActivityAt,
      current: row.id === actor.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export async function revokeMySession(
  actor: Actor,
  sessionId: string,
  context: Partial<RequestContext> = {},
): Promise<void> {
  if (sessionId === actor.sessionId) {
    throw new ServiceError("This is the session you are using: sign out instead.");
  }
  if (!(await revokeSession(sessionId, actor.userId))) throw new NotFoundError("Session not found.");
  await audit({
    action: "session.revoked",
    actor: auditActor(actor),
    target: { type: "session", id: sessionId },
    ip: context.ip,
    userAgent: context.userAgent,
  });
}

export async function revokeMyOtherSessions(
  actor: Actor,
  context: Partial<RequestContext> = {},
): Promise<{ count: number }> {
  const count = await revokeOtherSessions(actor.userId, actor.sessionId);
  await audit({
    action: "session.revoked_others",
    actor: auditActor(actor),
    target: { type: "user", id: actor.userId },
    ip: context.ip,
    userAgent: context.userAgent,
    details: { count },
  });
  return { count };
}

/** Devices that may skip the second factor, newest first. */
export async function listMyDevices(actor: Actor): Promise<MyDevice[]> {
  const rows = await listRememberedDevices(actor.userId);
  return rows
    .map((row) => ({
      id: row.id,
      ...parseUserAgent(row.userAgent),
      ip: row.ip,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      expiresAt: row.expiresAt,
    }))
    .reverse();
}

export async function forgetMyDevice(
  actor: Actor,
  deviceId: string | "all",
  context: Partial<RequestContext> = {},
): Promise<{ count: number }> {
  const count = await forgetDevices(actor.userId, deviceId === "all" ? "all" : [deviceId]);
  if (deviceId !== "all" && count === 0) throw new NotFoundError("Device not found.");
  await audit({
    action: "tfa.device_revoked",
    actor: auditActor(actor),
    target: deviceId === "all" ? { type: "user", id: actor.userId } : { type: "tfa_device", id: deviceId },
    ip: context.ip,
    userAgent: context.userAgent,
    details: { count, all: deviceId === "all" },
  });
  return { count };
}
