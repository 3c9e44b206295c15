// The profile's account and password forms: own fields only, email unique in any case, and a
// password change that keeps this session and ends the others.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listAuditEntries } from "@/db/queries/audit";
import { sessions, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/passwords";
import { ServiceError } from "@/lib/errors";
import { getMyProfile, updateProfile } from "@/lib/profile/account";
import { changePassword } from "@/lib/profile/password";
import { changePasswordSchema } from "@/lib/profile/schemas";
import { signedInUser, TEST_PASSWORD } from "../support/actors";
import { useMigratedDatabase } from "../support/database";

const NEW_PASSWORD = "Brand-New-Pass-7";

async function extraSession(userId: string): Promise<string> {
  const [row] = await getDb()
    .insert(sessions)
    .values({ userId, expiresAt: new Date(Date.now() + 3_600_000), tfaVerified: true, userAgent: "other" })
    .returning({ id: sessions.id });
  return row?.id ?? "";
}

async function passwordHashOf(userId: string) {
  const [row] = await getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.hash ?? null;
}

describe("profile: account and password", () => {
  useMigratedDatabase({ PASSWORD_RATE_LIMIT_MAX: "4" });

  describe("updateProfile", () => {
    it("saves names, email and theme, and audits the changed fields", async () => {
      const user = await signedInUser("readonly");
      const email = `New.${user.email}`;
      const result = await updateProfile(user.actor, {
        firstName: "Ada",
        lastName: "Lovelace",
        email,
        themePreference: "dark",
      });
      expect(result).toEqual({ themePreference: "dark" });
      const profile = await getMyProfile(user.actor);
      expect(profile).toMatchObject({
        firstName: "Ada",
        lastName: "Lovelace",
        email,
        themePreference: "dark",
      });
      expect(profile).not.toHaveProperty("passwordHash");
      const { rows } = await listAuditEntries(
        { actorUserId: user.userId, action: "user.updated" },
        { limit: 5, offset: 0 },
      );
      expect(rows[0]?.details).toMatchObject({
        fields: ["firstName", "lastName", "email", "themePreference"],
      });
    });

    it("refuses an email another account has, in any letter case, as a field error", async () => {
      const taken = await signedInUser("user");
      const user = await signedInUser("user");
      const attempt = updateProfile(user.actor, {
        firstName: null,
        lastName: null,
        email: taken.email.toUpperCase(),
        themePreference: "system",
      });
      await expect(attempt).rejects.toBeInstanceOf(ServiceError);
      await expect(attempt).rejects.toMatchObject({
        fieldErrors: { email: ["is already used by another account"] },
      });
      expect((await getMyProfile(user.actor)).email).toBe(user.email);
      // Its own address in another case is not "taken".
      await updateProfile(user.actor, {
        firstName: null,
        lastName: null,
        email: user.email.toUpperCase(),
        themePreference: "light",
      });
      expect((await getMyProfile(user.actor)).email).toBe(user.email.toUpperCase());
    });
  });

  describe("changePassword", () => {
    it("keeps the current session, ends the others and audits it", async () => {
      const user = await signedInUser("user", { password: TEST_PASSWORD });
      const other = await extraSession(user.userId);
      const input = changePasswordSchema.parse({
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      });
      expect(await changePassword(user.actor, input, { ip: "192.0.2.20" })).toEqual({
        otherSessionsEnded: 1,
      });
      expect(await verifyPassword((await passwordHashOf(user.userId)) ?? "", NEW_PASSWORD)).toBe(true);
      expect(await loadActor(user.actor.sessionId)).not.toBeNull();
      expect(await loadActor(other)).toBeNull();
      const { rows } = await listAuditEntries(
        { actorUserId: user.userId, action: "user.password_changed" },
        { limit: 5, offset: 0 },
      );
      expect(rows).toHaveLength(1);
    });

    it("refuses a wrong current password and changes nothing", async () => {
      const user = await signedInUser("user", { password: TEST_PASSWORD });
      const other = await extraSession(user.userId);
      const before = await passwordHashOf(user.userId);
      await expect(
        changePassword(user.actor, {
          currentPassword: "Not-The-Password-1",
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        }),
      ).rejects.toMatchObject({ fieldErrors: { currentPassword: ["is not correct"] } });
      expect(await passwordHashOf(user.userId)).toBe(before);
      expect(await loadActor(other)).not.toBeNull();
    });

    it("refuses accounts without a local password", async () => {
      const user = await signedInUser("user");
      await expect(
        changePassword(user.actor, {
          currentPassword: "x",
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        }),
      ).rejects.toThrow(/single sign-on/);
      expect((await getMyProfile(user.actor)).hasPassword).toBe(false);
    });

    it("limits attempts per user with PASSWORD_RATE_LIMIT_MAX", async () => {
      const user = await signedInUser("user", { password: TEST_PASSWORD });
      const wrong = {
        currentPassword: "Not-The-Password-1",
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      };
      for (let attempt = 0; attempt < 4; attempt++) {
        await expect(changePassword(user.actor, wrong)).rejects.toMatchObject({ status: 400 });
      }
      // Now even the right password is refused until the window passes.
      await expect(
        changePassword(user.actor, { ...wrong, currentPassword: TEST_PASSWORD }),
      ).rejects.toMatchObject({ status: 429 });
      expect(await verifyPassword((await passwordHashOf(user.userId)) ?? "", TEST_PASSWORD)).toBe(true);
    });

    it("checks the form: policy, confirmation, and a new password that differs", () => {
      const result = changePasswordSchema.safeParse({
        currentPassword: TEST_PASSWORD,
        newPassword: TEST_PASSWORD,
        confirmPassword: "something else",
      });
      expect(result.success).toBe(false);
      const paths = result.error?.issues.map((issue) => issue.path.join("."));
      expect(paths).toEqual(expect.arrayContaining(["newPassword", "confirmPassword"]));
      expect(
        changePasswordSchema.safeParse({
          currentPassword: "a",
          newPassword: "short",
          confirmPassword: "short",
        }).success,
      ).toBe(false);
    });
  });
});
