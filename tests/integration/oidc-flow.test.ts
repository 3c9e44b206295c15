// Single sign-on end to end over the protocol: a real OIDC provider on 127.0.0.1, next-auth's route
// handler called with real Requests, and the session row and role that come out of it.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { decode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { roles, sessions, users } from "@/db/schema";
import { handlers } from "@/lib/auth/config";
import { resetEnvCache } from "@/lib/env";
import { signedInUser } from "@/tests/support/actors";
import { useMigratedDatabase } from "@/tests/support/database";
import { startOidcProvider, type TestOidcProvider } from "@/tests/support/oidc-provider";
import { driveSsoSignIn } from "@/tests/support/oidc-provider-flow";

// NextRequest reports 127.0.0.1 as localhost, so next-auth builds its callback URL on localhost.
const APP = "http://localhost:3999";
const PUBLIC = "http://patchmon.test";
const SESSION_COOKIE = "authjs.session-token";

const tag = randomUUID().slice(0, 8);
let idp: TestOidcProvider;
const saved: Record<string, string | undefined> = {};

function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (!(key in saved)) saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}

describe("OIDC sign-in through next-auth against a local provider", () => {
  useMigratedDatabase();

  beforeAll(async () => {
    idp = await startOidcProvider({
      redirectUris: [`${APP}/api/auth/callback/oidc`, `${PUBLIC}/api/auth/callback/oidc`],
    });
    setEnv({
      OIDC_ENABLED: "true",
      OIDC_ISSUER_URL: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_SCOPES: "openid email profile groups",
      OIDC_ADMIN_GROUP: "PatchMon Admins",
      OIDC_USER_GROUP: "PatchMon Users",
      OIDC_AUTO_CREATE_USERS: "true",
      OIDC_REDIRECT_URI: undefined,
    });
  });

  afterAll(async () => {
    await idp?.stop();
    setEnv(saved);
  });

  async function sessionOf(jar: { get(name: string): string | undefined }) {
    const token = jar.get(SESSION_COOKIE);
    if (!token) return null;
    const claims = await decode({ token, secret: process.env.JWT_SECRET ?? "", salt: SESSION_COOKIE });
    const sid = typeof claims?.sid === "string" ? claims.sid : "";
    const [row] = await getDb()
      .select({ userId: sessions.userId, tfaVerified: sessions.tfaVerified, userAgent: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.id, sid));
    return row ?? null;
  }

  async function userWithRole(userId: string) {
    const [row] = await getDb()
      .select({ username: users.username, email: users.email, role: roles.name, firstName: users.firstName })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(eq(users.id, userId));
    return row;
  }

  it("publishes discovery with the groups scope, code flow and S256 PKCE", async () => {
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(idp.issuer);
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(["openid", "email", "profile", "groups"]));
    expect(doc.response_types_supported).toContain("code");
    expect(doc.code_challenge_methods_supported).toContain("S256");
  });

  it("creates the user with the role of its groups and signs them in with a session row", async () => {
    const sub = `alice-${tag}`;
    idp.setAccount({
      sub,
      email: `${sub}@example.com`,
      email_verified: true,
      preferred_username: sub,
      given_name: "Alice",
      family_name: "Admin",
      groups: ["Staff", "PatchMon Admins"],
    });
    const result = await driveSsoSignIn({ appOrigin: APP, handlers, login: sub, callbackUrl: "/hosts" });
    expect(result.returnedTo.startsWith(`${APP}/api/auth/callback/oidc?code=`)).toBe(true);
    expect(result.location).toBe(`${APP}/hosts`);
    const session = await sessionOf(result.appCookies);
    expect(session).toMatchObject({ tfaVerified: true, userAgent: "sso-flow-test" });
    const user = await userWithRole(session?.userId ?? "");
    expect(user).toEqual({ username: sub, email: `${sub}@example.com`, role: "admin", firstName: "Alice" });
  });

  it("sends the browser to the login page with a reason when the account may not be linked", async () => {
    const local = await signedInUser("user");
    const sub = `mallory-${tag}`;
    idp.setAccount({ sub, email: local.email, email_verified: false, preferred_username: sub });
    const result = await driveSsoSignIn({ appOrigin: APP, handlers, login: sub });
    expect(result.location).toBe(`${APP}/login?error=email_not_verified`);
    expect(result.appCookies.get(SESSION_COOKIE)).toBeUndefined();
    const [linked] = await getDb()
      .select({ subject: users.oidcSubject })
      .from(users)
      .where(eq(users.id, local.userId));
    expect(linked?.subject).toBeNull();
  });

  it("uses OIDC_REDIRECT_URI as the callback when the app is reached through a proxy", async () => {
    setEnv({ OIDC_REDIRECT_URI: `${PUBLIC}/api/auth/callback/oidc` });
    try {
      const sub = `bob-${tag}`;
      idp.setAccount({ sub, email: `${sub}@example.com`, email_verified: true, groups: ["PatchMon Users"] });
      const result = await driveSsoSignIn({ appOrigin: APP, publicOrigin: PUBLIC, handlers, login: sub });
      expect(result.returnedTo.startsWith(`${PUBLIC}/api/auth/callback/oidc?`)).toBe(true);
      const session = await sessionOf(result.appCookies);
      expect(session?.tfaVerified).toBe(true);
      expect((await userWithRole(session?.userId ?? ""))?.role).toBe("user");
    } finally {
      setEnv({ OIDC_REDIRECT_URI: undefined });
    }
  });
});
