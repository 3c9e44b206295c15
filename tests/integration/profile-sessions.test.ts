// Own sessions and remembered devices: listed with a readable device, revocable only by their owner.
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listAuditEntries } from "@/db/queries/audit";
import { rememberDevice } from "@/db/queries/tfa";
import { sessions } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { newDeviceToken } from "@/lib/auth/tfa";
import { getEnv } from "@/lib/env";
import { NotFoundError, ServiceError } from "@/lib/errors";
import {
  forgetMyDevice,
  listMyDevices,
  listMySessions,
  revokeMyOtherSessions,
  revokeMySession,
} from "@/lib/profile/sessions";
import { signedInUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";

const FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0";

async function extraSession(
  userId: string,
  userAgent = FIREFOX,
  lastActivityAt = new Date(),
): Promise<string> {
  const [row] = await getDb()
    .insert(sessions)
    .values({
      lastActivityAt,
      userId,
      userAgent,
      ip: "198.51.100.7",
      expiresAt: new Date(Date.now() + 3_600_000),
      tfaVerified: true,
    })
    .returning({ id: sessions.id });
  return row?.id ?? "";
}

async function addDevice(userId: string, userAgent: string) {
  await rememberDevice(
    {
      userId,
      userAgent,
      ip: "198.51.100.9",
      tokenHash: newDeviceToken().tokenHash,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
    getEnv().tfa.maxRememberSessions,
  );
}

describe("profile: sessions and devices", () => {
  useMigratedDatabase({ TFA_MAX_REMEMBER_SESSIONS: "3" });

  describe("sessions", () => {
    it("lists live sessions with browser, OS and the current one first", async () => {
      const user = await signedInUser("readonly");
      const other = await extraSession(user.userId);
      const list = await listMySessions(user.actor);
      expect(list).toHaveLength(2);
      expect(list[0]).toMatchObject({ id: user.actor.sessionId, current: true });
      expect(list[1]).toMatchObject({
        id: other,
        current: false,
        browser: "Firefox 127",
        os: "Ubuntu",
        ip: "198.51.100.7",
      });
    });

    it("leaves out sessions idle past SESSION_INACTIVITY_TIMEOUT_MINUTES", async () => {
      const user = await signedInUser("user");
      const idle = new Date(Date.now() - (getEnv().auth.sessionInactivityTimeoutMinutes + 1) * 60_000);
      await extraSession(user.userId, FIREFOX, idle);
      expect((await listMySessions(user.actor)).map((s) => s.id)).toEqual([user.actor.sessionId]);
    });

    it("revokes one own session; another user's session id is not found and stays live", async () => {
      const user = await signedInUser("user");
      const stranger = await signedInUser("user");
      const mine = await extraSession(user.userId);
      await revokeMySession(user.actor, mine);
      expect(await loadActor(mine)).toBeNull();
      await expect(revokeMySession(user.actor, mine)).rejects.toBeInstanceOf(NotFoundError);
      await expect(revokeMySession(user.actor, stranger.actor.sessionId)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await loadActor(stranger.actor.sessionId)).not.toBeNull();
      await expect(revokeMySession(user.actor, user.actor.sessionId)).rejects.toBeInstanceOf(ServiceError);
      const { rows } = await listAuditEntries(
        { actorUserId: user.userId, action: "session.revoked" },
        { limit: 5, offset: 0 },
      );
      expect(rows.map((row) => row.targetId)).toEqual([mine]);
    });

    it("revokes all others and keeps this one", async () => {
      const user = await signedInUser("user");
      const stranger = await signedInUser("user");
      await extraSession(user.userId);
      await extraSession(user.userId);
      expect(await revokeMyOtherSessions(user.actor)).toEqual({ count: 2 });
      expect((await listMySessions(user.actor)).map((s) => s.id)).toEqual([user.actor.sessionId]);
      expect(await loadActor(stranger.actor.sessionId)).not.toBeNull();
      const { rows } = await listAuditEntries(
        { actorUserId: user.userId, action: "session.revoked_others" },
        { limit: 5, offset: 0 },
      );
      expect(rows[0]?.details).toEqual({ count: 2 });
    });
  });

  describe("remembered devices", () => {
    it("keeps only the newest TFA_MAX_REMEMBER_SESSIONS devices, listed newest first", async () => {
      const user = await signedInUser("user");
      for (const version of [101, 102, 103, 104, 105]) {
        await addDevice(
          user.userId,
          `Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/${version}.0.0.0 Safari/537.36`,
        );
      }
      const devices = await listMyDevices(user.actor);
      expect(devices.map((d) => d.browser)).toEqual(["Chrome 105", "Chrome 104", "Chrome 103"]);
      expect(devices[0]).toMatchObject({ os: "Windows", ip: "198.51.100.9" });
      expect(devices[0]).not.toHaveProperty("tokenHash");
    });

    it("forgets one own device, refuses a stranger's, and forgets all", async () => {
      const user = await signedInUser("user");
      const stranger = await signedInUser("user");
      await addDevice(user.userId, FIREFOX);
      await addDevice(user.userId, FIREFOX);
      await addDevice(stranger.userId, FIREFOX);
      const [first] = await listMyDevices(user.actor);
      const [theirs] = await listMyDevices(stranger.actor);
      expect(await forgetMyDevice(user.actor, first?.id ?? "")).toEqual({ count: 1 });
      await expect(forgetMyDevice(user.actor, theirs?.id ?? "")).rejects.toBeInstanceOf(NotFoundError);
      expect(await listMyDevices(stranger.actor)).toHaveLength(1);
      expect(await forgetMyDevice(user.actor, "all")).toEqual({ count: 1 });
      expect(await listMyDevices(user.actor)).toEqual([]);
      const { total } = await listAuditEntries(
        { actorUserId: user.userId, action: "tfa.device_revoked" },
        { limit: 5, offset: 0 },
      );
      expect(total).toBe(2);
    });
  });
});
