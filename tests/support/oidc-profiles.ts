// Provider profiles for the single sign-on decision tests: what next-auth hands resolveOidcSignIn
// after the protocol part (userinfo profile, account with the ID token), plus the env they run under.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { UnsecuredJWT } from "jose";
import type { Account, Profile } from "next-auth";
import { afterEach } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, roles, users } from "@/db/schema";
import { resolveOidcSignIn } from "@/lib/auth/oidc";
import { resetEnvCache } from "@/lib/env";

export const TEST_ISSUER = "https://idp.example.test/realms/patchmon";
export const TEST_GROUPS = {
  superadmin: "pm-superadmins",
  admin: "PatchMon Admins",
  host_manager: "pm-host-managers",
  user: "pm-users",
  readonly: "pm-readonly",
} as const;

/** For useMigratedDatabase: SSO on, every group mapped, readonly by default. */
export const OIDC_TEST_ENV = {
  OIDC_ENABLED: "true",
  OIDC_ISSUER_URL: TEST_ISSUER,
  OIDC_CLIENT_ID: "patchmon",
  OIDC_CLIENT_SECRET: "client-secret-for-tests",
  OIDC_SUPERADMIN_GROUP: TEST_GROUPS.superadmin,
  OIDC_ADMIN_GROUP: TEST_GROUPS.admin,
  OIDC_HOST_MANAGER_GROUP: TEST_GROUPS.host_manager,
  OIDC_USER_GROUP: TEST_GROUPS.user,
  OIDC_READONLY_GROUP: TEST_GROUPS.readonly,
  OIDC_DEFAULT_ROLE: "readonly",
  OIDC_AUTO_CREATE_USERS: "true",
  OIDC_SYNC_ROLES: "true",
  OIDC_TRUST_IDP_MFA: "true",
  TRUST_PROXY: "true",
};

/** Sets a variable for one test; restored after it. Call restoreEnvAfterEachTest() once per file. */
const changed = new Map<string, string | undefined>();
export function setEnvForTest(name: string, value: string): void {
  if (!changed.has(name)) changed.set(name, process.env[name]);
  process.env[name] = value;
  resetEnvCache();
}
export function restoreEnvAfterEachTest(): void {
  afterEach(() => {
    for (const [name, value] of changed) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    changed.clear();
    resetEnvCache();
  });
}

export type Claims = Record<string, unknown> & { sub: string };

export function person(overrides: Partial<Claims> = {}): Claims {
  const sub = `sso-${randomUUID()}`;
  return { sub, email: `${sub}@example.com`, email_verified: true, preferred_username: sub, ...overrides };
}

/** Calls the sign-in decision as next-auth's callback would; `idToken` adds ID token claims (amr, acr). */
export function ssoSignIn(claims: Claims, idToken: Record<string, unknown> = {}) {
  const token = new UnsecuredJWT({ iss: TEST_ISSUER, sub: claims.sub, aud: "patchmon", ...idToken })
    .setIssuedAt()
    .setExpirationTime("5m")
    .encode();
  const account = { provider: "oidc", type: "oidc", providerAccountId: claims.sub, id_token: token };
  const request = new Request("http://patchmon.test/api/auth/callback/oidc", {
    headers: { "user-agent": "sso-test-agent", "x-forwarded-for": "203.0.113.7" },
  });
  return resolveOidcSignIn(claims as Profile, account as Account, request);
}

export async function accountOf(userId: string) {
  const [row] = await getDb()
    .select({
      username: users.username,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      passwordHash: users.passwordHash,
      oidcSubject: users.oidcSubject,
      oidcIssuer: users.oidcIssuer,
      role: roles.name,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, userId));
  if (!row) throw new Error("no such user");
  return row;
}

/** The role the account has after a successful sign-in; throws when refused. */
export async function roleAfterSignIn(claims: Claims, idToken?: Record<string, unknown>): Promise<string> {
  const outcome = await ssoSignIn(claims, idToken);
  if (!outcome.ok) throw new Error(`sign-in refused: ${outcome.error}`);
  return (await accountOf(outcome.userId)).role;
}

/** Reasons recorded in auth.sso_denied rows for this actor label. */
export async function denialReasons(label: string): Promise<string[]> {
  const rows = await getDb()
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.sso_denied"), eq(auditLog.actorLabel, label)));
  return rows.map((row) => String((row.details as { reason?: unknown } | null)?.reason));
}
