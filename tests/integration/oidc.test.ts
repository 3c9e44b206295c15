// The single sign-on decision (resolveOidcSignIn) with provider profiles: group-to-role mapping and
// account creation (OIDC_AUTO_CREATE_USERS, usernames, the session row it opens).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Account, Profile } from "next-auth";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { resolveOidcSignIn } from "@/lib/auth/oidc";
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

describe("single sign-on: new accounts", () => {
  useMigratedDatabase(OIDC_TEST_ENV);
  restoreEnvAfterEachTest();

  describe("group-to-role mapping", () => {
    for (const [role, group] of Object.entries(TEST_GROUPS)) {
      it(`creates a member of "${group}" as ${role}`, async () => {
        expect(await roleAfterSignIn(person({ groups: ["unrelated", group] }))).toBe(role);
      });
    }

    it("takes the most privileged mapped group, from `roles` or a single string too", async () => {
      const { readonly, admin, user, host_manager, superadmin } = TEST_GROUPS;
      expect(await roleAfterSignIn(person({ groups: [readonly, admin, user] }))).toBe("admin");
      expect(await roleAfterSignIn(person({ groups: host_manager }))).toBe("host_manager");
      expect(await roleAfterSignIn(person({ roles: [user, superadmin] }))).toBe("superadmin");
      expect(await roleAfterSignIn(person({ groups: ["patchmon admins"] }))).toBe("admin");
    });

    it("gives OIDC_DEFAULT_ROLE when no group matches", async () => {
      expect(await roleAfterSignIn(person({ groups: ["Staff"] }))).toBe("readonly");
      expect(await roleAfterSignIn(person())).toBe("readonly");
      setEnvForTest("OIDC_DEFAULT_ROLE", "viewer");
      expect(await roleAfterSignIn(person())).toBe("readonly");
      setEnvForTest("OIDC_DEFAULT_ROLE", "user");
      expect(await roleAfterSignIn(person())).toBe("user");
    });

    it("refuses to create an account when OIDC_DEFAULT_ROLE names no role", async () => {
      setEnvForTest("OIDC_DEFAULT_ROLE", "no-such-role");
      expect(await ssoSignIn(person())).toEqual({ ok: false, error: "role_unavailable" });
    });
  });

  describe("account creation", () => {
    it("stores the identity, names and email, no password, and opens a verified session row", async () => {
      const claims = person({ given_name: "Grace", family_name: "Hopper", groups: [TEST_GROUPS.user] });
      const outcome = await ssoSignIn(claims);
      if (!outcome.ok) throw new Error(outcome.error);
      expect(await accountOf(outcome.userId)).toEqual({
        username: claims.sub,
        email: claims.email,
        firstName: "Grace",
        lastName: "Hopper",
        passwordHash: null,
        oidcSubject: claims.sub,
        oidcIssuer: TEST_ISSUER,
        role: "user",
      });
      const [session] = await getDb().select().from(sessions).where(eq(sessions.id, outcome.sessionId));
      expect(session).toMatchObject({ userId: outcome.userId, tfaVerified: true, revokedAt: null });
      expect(session).toMatchObject({ ip: "203.0.113.7", userAgent: "sso-test-agent" });
      const days = ((session?.expiresAt.getTime() ?? 0) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThan(7.1);
      // The same identity comes back to the same account, with a new session.
      const again = await ssoSignIn(claims);
      expect(again.ok && again.userId).toBe(outcome.userId);
      expect(again.ok && again.sessionId).not.toBe(outcome.sessionId);
    });

    it("makes a taken username unique and falls back to the email's local part", async () => {
      const existing = await signedInUser("user");
      const outcome = await ssoSignIn(person({ preferred_username: existing.username.toUpperCase() }));
      if (!outcome.ok) throw new Error(outcome.error);
      expect((await accountOf(outcome.userId)).username).toBe(`${existing.username}-2`);
      const local = `Jo.Smith+${randomUUID().slice(0, 6)}`;
      const second = await ssoSignIn(
        person({ preferred_username: undefined, email: `${local}@corp.example` }),
      );
      if (!second.ok) throw new Error(second.error);
      expect((await accountOf(second.userId)).username).toBe(local.toLowerCase().replace("+", "-"));
    });

    it("refuses an unknown person when OIDC_AUTO_CREATE_USERS is off", async () => {
      setEnvForTest("OIDC_AUTO_CREATE_USERS", "false");
      const claims = person();
      expect(await ssoSignIn(claims)).toEqual({ ok: false, error: "no_account" });
      expect(await denialReasons(claims.sub)).toEqual(["no_account"]);
      const rows = await getDb()
        .select({ id: users.id })
        .from(users)
        .where(eq(users.oidcSubject, claims.sub));
      expect(rows).toHaveLength(0);
    });

    it("refuses a profile without a subject, or an account without an email", async () => {
      const request = new Request("http://patchmon.test/api/auth/callback/oidc");
      const account = { provider: "oidc", type: "oidc", providerAccountId: "" } as Account;
      const outcome = await resolveOidcSignIn({ email: "x@example.com" } as Profile, account, request);
      expect(outcome).toEqual({ ok: false, error: "missing_claims" });
      expect(await ssoSignIn(person({ email: undefined }))).toEqual({ ok: false, error: "missing_claims" });
    });
  });
});
