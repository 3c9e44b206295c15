// Single sign-on into existing accounts: linking by verified email only, role sync on each sign-in
// (never demoting the last active superuser), disabled users, and TFA users with OIDC_TRUST_IDP_MFA.
import { and, eq, inArray, ne } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, roles, users } from "@/db/schema";
import { updateProfile } from "@/lib/profile/account";
import { signedInUser } from "@/tests/support/actors";
import { useMigratedDatabase } from "@/tests/support/database";
import {
  accountOf,
  denialReasons,
  OIDC_TEST_ENV,
  person,
  restoreEnvAfterEachTest,
  roleAfterSignIn,
  setEnvForTest,
  ssoSignIn,
  TEST_GROUPS,
  TEST_ISSUER,
} from "@/tests/support/oidc-profiles";

describe("single sign-on: existing accounts", () => {
  useMigratedDatabase(OIDC_TEST_ENV);
  restoreEnvAfterEachTest();

  async function setUser(userId: string, values: Partial<typeof users.$inferInsert>) {
    await getDb().update(users).set(values).where(eq(users.id, userId));
  }

  describe("linking to an existing local account", () => {
    it("links by email only when the provider says the email is verified", async () => {
      const local = await signedInUser("host_manager", { password: "Correct-Horse-9" });
      const unverified = person({ email: local.email.toUpperCase(), email_verified: false });
      expect(await ssoSignIn(unverified)).toEqual({ ok: false, error: "email_not_verified" });
      expect(await denialReasons(unverified.sub)).toEqual(["email_not_verified"]);
      expect((await accountOf(local.userId)).oidcSubject).toBeNull();

      const verified = person({ email: local.email, given_name: "Linked" });
      const outcome = await ssoSignIn(verified);
      expect(outcome.ok && outcome.userId).toBe(local.userId);
      const after = await accountOf(local.userId);
      expect(after).toMatchObject({
        oidcSubject: verified.sub,
        oidcIssuer: TEST_ISSUER,
        firstName: "Linked",
      });
      expect(after.passwordHash).not.toBeNull();
      // No mapped group: sync falls back to the default role.
      expect(after.role).toBe("readonly");
    });

    it("does not link on an email the account holder typed into their own profile", async () => {
      const attacker = await signedInUser("readonly", { password: "Correct-Horse-9" });
      const victimEmail = `cfo-${Date.now()}@example.com`;
      await updateProfile(attacker.actor, {
        email: victimEmail,
        firstName: "",
        lastName: "",
        themePreference: "system",
      });
      const victim = person({ email: victimEmail, groups: ["PatchMon Admins"] });
      expect(await ssoSignIn(victim)).toEqual({ ok: false, error: "identity_conflict" });
      expect((await accountOf(attacker.userId)).oidcSubject).toBeNull();
    });

    it("refuses a second identity for an account already linked to another", async () => {
      const first = person();
      const outcome = await ssoSignIn(first);
      if (!outcome.ok) throw new Error(outcome.error);
      const impostor = person({ email: first.email });
      expect(await ssoSignIn(impostor)).toEqual({ ok: false, error: "identity_conflict" });
    });

    it("updates email and names on sign-in only when the email is verified", async () => {
      const claims = person({ given_name: "Old" });
      const outcome = await ssoSignIn(claims);
      if (!outcome.ok) throw new Error(outcome.error);
      const moved = `moved-${claims.sub}@example.com`;
      await ssoSignIn({ ...claims, email: moved, given_name: "Sneaky", email_verified: false });
      expect(await accountOf(outcome.userId)).toMatchObject({ email: claims.email, firstName: "Old" });
      await ssoSignIn({ ...claims, email: moved, given_name: "New" });
      expect(await accountOf(outcome.userId)).toMatchObject({ email: moved, firstName: "New" });
    });
  });

  describe("roles follow the groups on every sign-in", () => {
    it("changes the role with OIDC_SYNC_ROLES and audits it; keeps it without", async () => {
      const claims = person({ groups: [TEST_GROUPS.admin] });
      expect(await roleAfterSignIn(claims)).toBe("admin");
      expect(await roleAfterSignIn({ ...claims, groups: [TEST_GROUPS.readonly] })).toBe("readonly");
      const [changed] = await getDb()
        .select({ details: auditLog.details })
        .from(auditLog)
        .where(and(eq(auditLog.action, "user.role_changed"), eq(auditLog.actorLabel, claims.sub)));
      expect(changed?.details).toMatchObject({ from: "admin", to: "readonly", source: "oidc_groups" });

      setEnvForTest("OIDC_SYNC_ROLES", "false");
      expect(await roleAfterSignIn({ ...claims, groups: [TEST_GROUPS.host_manager] })).toBe("readonly");
    });

    it("never demotes the last active superuser, but demotes one who is not the last", async () => {
      const db = getDb();
      const claims = person({ groups: [TEST_GROUPS.superadmin] });
      const outcome = await ssoSignIn(claims);
      if (!outcome.ok) throw new Error(outcome.error);
      const superRoles = db.select({ id: roles.id }).from(roles).where(eq(roles.canManageSuperusers, true));
      // Other files' superusers share this database: disable them for the test, restore afterwards.
      const others = await db
        .update(users)
        .set({ isActive: false })
        .where(and(eq(users.isActive, true), inArray(users.roleId, superRoles), ne(users.id, outcome.userId)))
        .returning({ id: users.id });
      try {
        expect(await roleAfterSignIn({ ...claims, groups: [TEST_GROUPS.user] })).toBe("superadmin");
        const second = await signedInUser("superadmin");
        expect(await roleAfterSignIn({ ...claims, groups: [TEST_GROUPS.user] })).toBe("user");
        await setUser(second.userId, { isActive: false });
      } finally {
        const ids = others.map((row) => row.id);
        if (ids.length) await db.update(users).set({ isActive: true }).where(inArray(users.id, ids));
      }
    });
  });

  describe("refusals for existing accounts", () => {
    it("refuses a disabled user, linked or found by email", async () => {
      const claims = person();
      const outcome = await ssoSignIn(claims);
      if (!outcome.ok) throw new Error(outcome.error);
      await setUser(outcome.userId, { isActive: false });
      expect(await ssoSignIn(claims)).toEqual({ ok: false, error: "account_disabled" });

      const local = await signedInUser("user");
      await setUser(local.userId, { isActive: false });
      expect(await ssoSignIn(person({ email: local.email }))).toEqual({
        ok: false,
        error: "account_disabled",
      });
      expect((await accountOf(local.userId)).oidcSubject).toBeNull();
    });

    it("trusts the provider's MFA by default; with OIDC_TRUST_IDP_MFA=false requires amr or acr to show it", async () => {
      const claims = person({ groups: [TEST_GROUPS.user] });
      const outcome = await ssoSignIn(claims);
      if (!outcome.ok) throw new Error(outcome.error);
      await setUser(outcome.userId, { tfaEnabled: true });
      expect((await ssoSignIn(claims)).ok).toBe(true);

      setEnvForTest("OIDC_TRUST_IDP_MFA", "false");
      expect(await ssoSignIn(claims)).toEqual({ ok: false, error: "mfa_required" });
      expect(await ssoSignIn(claims, { amr: ["pwd"] })).toEqual({ ok: false, error: "mfa_required" });
      expect((await ssoSignIn(claims, { amr: ["pwd", "otp"] })).ok).toBe(true);
      expect((await ssoSignIn(claims, { amr: ["hwk"] })).ok).toBe(true);
      expect((await ssoSignIn(claims, { acr: "urn:example:mfa" })).ok).toBe(true);
      expect(await denialReasons(claims.sub)).toEqual(["mfa_required", "mfa_required"]);

      // A user without TFA is not asked for a provider second factor.
      expect((await ssoSignIn(person())).ok).toBe(true);
    });
  });
});
