// Local sign-in against a real database: lockout held in the database, one answer for every
// refusal, the second factor with single-use backup codes, remembered devices, one-time tickets.
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getSessionActor, insertSessionOnce } from "@/db/queries/auth";
import { listRememberedDevices, rememberDevice, replaceBackupCodes, setTfaSecret } from "@/db/queries/tfa";
import { unlockUser } from "@/db/queries/users";
import { auditLog, sessions, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { authenticatePassword, verifySecondFactor } from "@/lib/auth/login";
import { generateBackupCodes, generateTotpSecret, hashBackupCodes, newDeviceToken } from "@/lib/auth/tfa";
import { issueTicket, readTicket } from "@/lib/auth/tickets";
import { encryptSecret } from "@/lib/crypto";
import { resetEnvCache } from "@/lib/env";
import { signedInUser, TEST_PASSWORD } from "../support/actors";
import { useMigratedDatabase } from "../support/database";

const context = { ip: "203.0.113.7", userAgent: "vitest" };

function totpNow(secret: string, offsetSeconds = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSeconds * 1000,
  });
}

describe("local sign-in", () => {
  useMigratedDatabase({ MAX_LOGIN_ATTEMPTS: "5", LOCKOUT_DURATION_MINUTES: "15", MAX_TFA_ATTEMPTS: "3" });

  it("accepts the right password by username or email, any case", async () => {
    const user = await signedInUser("user", { password: TEST_PASSWORD });
    expect(await authenticatePassword(user.username.toUpperCase(), TEST_PASSWORD, context)).toMatchObject({
      kind: "ok",
      userId: user.userId,
    });
    expect(await authenticatePassword(user.email, TEST_PASSWORD, context)).toMatchObject({ kind: "ok" });
  });

  it("gives one answer for unknown users, wrong passwords and disabled accounts", async () => {
    const user = await signedInUser("user", { password: TEST_PASSWORD });
    expect(await authenticatePassword("nobody-here", TEST_PASSWORD, context)).toEqual({ kind: "invalid" });
    expect(await authenticatePassword(user.username, "wrong", context)).toEqual({ kind: "invalid" });
    await getDb().update(users).set({ isActive: false }).where(eq(users.id, user.userId));
    expect(await authenticatePassword(user.username, TEST_PASSWORD, context)).toEqual({ kind: "invalid" });
  });

  it("locks after MAX_LOGIN_ATTEMPTS wrong passwords, refuses the right one, and unlock clears it", async () => {
    const user = await signedInUser("user", { password: TEST_PASSWORD });
    for (let i = 0; i < 5; i++) await authenticatePassword(user.username, "wrong", context);
    const [row] = await getDb().select().from(users).where(eq(users.id, user.userId));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await authenticatePassword(user.username, TEST_PASSWORD, context)).toEqual({ kind: "invalid" });
    const locked = await getDb().select().from(auditLog).where(eq(auditLog.targetId, user.userId));
    expect(locked.filter((entry) => entry.action === "auth.locked")).toHaveLength(1);
    await unlockUser(user.userId);
    expect(await authenticatePassword(user.username, TEST_PASSWORD, context)).toMatchObject({ kind: "ok" });
  });

  it("counts concurrent failures from many requests exactly", async () => {
    const user = await signedInUser("user", { password: TEST_PASSWORD });
    await Promise.all(Array.from({ length: 4 }, () => authenticatePassword(user.username, "wrong", context)));
    const [row] = await getDb().select().from(users).where(eq(users.id, user.userId));
    expect(row?.failedLoginAttempts).toBe(4);
    expect(row?.lockedUntil).toBeNull();
  });

  it("a burst of parallel guesses gets at most MAX_LOGIN_ATTEMPTS checks, then the account is locked", async () => {
    const user = await signedInUser("user", { password: TEST_PASSWORD });
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => authenticatePassword(user.username, "wrong", context)),
    );
    expect(outcomes.every((outcome) => outcome.kind === "invalid")).toBe(true);
    const [row] = await getDb().select().from(users).where(eq(users.id, user.userId));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await authenticatePassword(user.username, TEST_PASSWORD, context)).toEqual({ kind: "invalid" });
  });

  it("asks for the second factor, accepts a TOTP code once per backup code, and locks after MAX_TFA_ATTEMPTS", async () => {
    const user = await signedInUser("user", { password: TEST_PASSWORD });
    const secret = generateTotpSecret();
    await setTfaSecret(user.userId, encryptSecret(secret), true);
    const codes = generateBackupCodes();
    await replaceBackupCodes(user.userId, await hashBackupCodes(codes));

    expect(await authenticatePassword(user.username, TEST_PASSWORD, context)).toEqual({
      kind: "tfa_required",
      userId: user.userId,
    });
    expect(await verifySecondFactor(user.userId, totpNow(secret), context)).toEqual({ kind: "ok" });
    expect(await verifySecondFactor(user.userId, codes[0] ?? "", context)).toEqual({ kind: "ok" });
    expect(await verifySecondFactor(user.userId, (codes[0] ?? "").toLowerCase(), context)).toEqual({
      kind: "invalid",
    });
    expect(await verifySecondFactor(user.userId, "000000", context)).toEqual({ kind: "invalid" });
    expect(await verifySecondFactor(user.userId, "000001", context)).toEqual({ kind: "locked" });
    // Locked: even a right code is refused until the lock ends.
    expect(await verifySecondFactor(user.userId, totpNow(secret), context)).toEqual({ kind: "locked" });
  });

  it("accepts each TOTP code once: a replayed or older code is refused, the next one works", async () => {
    const user = await signedInUser("user", { password: TEST_PASSWORD });
    const secret = generateTotpSecret();
    await setTfaSecret(user.userId, encryptSecret(secret), true);
    const now = totpNow(secret);
    expect(await verifySecondFactor(user.userId, now, context)).toEqual({ kind: "ok" });
    expect(await verifySecondFactor(user.userId, now, context)).toEqual({ kind: "invalid" });
    // The next step's code is valid now (one step of clock drift); afterwards the current one is older.
    expect(await verifySecondFactor(user.userId, totpNow(secret, 30), context)).toEqual({ kind: "ok" });
    expect(await verifySecondFactor(user.userId, totpNow(secret, -30), context)).toEqual({ kind: "invalid" });
    // Two sign-ins racing with one fresh code: one passes.
    await setTfaSecret(user.userId, encryptSecret(secret), true);
    const raced = await Promise.all([0, 1, 2].map(() => verifySecondFactor(user.userId, now, context)));
    expect(raced.filter((outcome) => outcome.kind === "ok")).toHaveLength(1);
  });

  it("skips the code on a remembered device and keeps at most TFA_MAX_REMEMBER_SESSIONS of them", async () => {
    process.env.TFA_MAX_REMEMBER_SESSIONS = "2";
    resetEnvCache();
    const user = await signedInUser("user", { password: TEST_PASSWORD });
    await setTfaSecret(user.userId, encryptSecret(generateTotpSecret()), true);
    const tokens = [newDeviceToken(), newDeviceToken(), newDeviceToken()];
    for (const device of tokens) {
      await rememberDevice(
        {
          userId: user.userId,
          tokenHash: device.tokenHash,
          ip: null,
          userAgent: null,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
        2,
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await listRememberedDevices(user.userId)).toHaveLength(2);
    expect(await authenticatePassword(user.username, TEST_PASSWORD, context, tokens[0]?.token)).toMatchObject(
      { kind: "tfa_required" },
    );
    expect(await authenticatePassword(user.username, TEST_PASSWORD, context, tokens[2]?.token)).toMatchObject(
      { kind: "ok", via: "remembered_device" },
    );
    delete process.env.TFA_MAX_REMEMBER_SESSIONS;
    resetEnvCache();
  });
});

describe("tickets and sessions", () => {
  useMigratedDatabase({ SESSION_INACTIVITY_TIMEOUT_MINUTES: "30" });

  it("a login ticket is refused for another purpose, and its session row can be created once", async () => {
    const user = await signedInUser("user");
    const token = await issueTicket("login", { userId: user.userId, ...context });
    expect(await readTicket("tfa", token)).toBeNull();
    expect(await readTicket("login", `${token}x`)).toBeNull();
    const ticket = await readTicket("login", token);
    expect(ticket?.userId).toBe(user.userId);
    const row = {
      id: ticket?.ticketId ?? "",
      userId: user.userId,
      ip: null,
      userAgent: null,
      expiresAt: new Date(Date.now() + 60_000),
    };
    expect(await insertSessionOnce(row)).toBe(true);
    expect(await insertSessionOnce(row)).toBe(false);
  });

  it("ends idle, revoked and expired sessions and sessions of disabled users", async () => {
    const idle = await signedInUser("user");
    await getDb()
      .update(sessions)
      .set({ lastActivityAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.id, idle.actor.sessionId));
    expect(await loadActor(idle.actor.sessionId)).toBeNull();
    expect((await getSessionActor(idle.actor.sessionId))?.revokedAt).not.toBeNull();

    const revoked = await signedInUser("user");
    await getDb()
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.id, revoked.actor.sessionId));
    expect(await loadActor(revoked.actor.sessionId)).toBeNull();

    const expired = await signedInUser("user");
    await getDb()
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, expired.actor.sessionId));
    expect(await loadActor(expired.actor.sessionId)).toBeNull();

    const disabled = await signedInUser("user");
    await getDb().update(users).set({ isActive: false }).where(eq(users.id, disabled.userId));
    expect(await loadActor(disabled.actor.sessionId)).toBeNull();

    const live = await signedInUser("readonly");
    const actor = await loadActor(live.actor.sessionId);
    expect(actor?.roleName).toBe("readonly");
    expect(actor?.permissions.has("can_view_hosts")).toBe(true);
    expect(actor?.permissions.has("can_manage_hosts")).toBe(false);
  });
});
