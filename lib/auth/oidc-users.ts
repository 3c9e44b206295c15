// Turns a verified OIDC identity into a PatchMon account and a session row: find by (issuer, subject),
// else link by a verified email, else create (OIDC_AUTO_CREATE_USERS); roles follow the groups.

import { randomUUID } from "node:crypto";
import { isUniqueViolation } from "@/db/errors";
import { insertSessionOnce } from "@/db/queries/auth";
import {
  emailTakenByOther,
  getUserByEmailForOidc,
  getUserByOidcIdentity,
  insertOidcUser,
  linkOidcIdentity,
  listUsernamesLike,
  markOidcLogin,
  type OidcAccount,
  type OidcProfileChanges,
  updateOidcProfile,
} from "@/db/queries/oidc";
import { getRoleByName } from "@/db/queries/users";
import { audit } from "@/lib/audit";
import { getEnv } from "@/lib/env";
import {
  baseUsername,
  hasGroupMapping,
  idpPerformedMfa,
  type OidcClaims,
  roleForGroups,
  roleNameAlias,
} from "./oidc-claims";
import type { SsoErrorCode } from "./oidc-errors";
import { syncOidcRole } from "./oidc-roles";
import type { RequestContext } from "./request-context";

export type OidcSignInOutcome =
  | { ok: true; userId: string; sessionId: string }
  | { ok: false; error: SsoErrorCode };

type Found =
  | { account: OidcAccount; how: "existing" | "linked" }
  | { account: null; error: SsoErrorCode }
  | { account: null; create: true };

async function deny(
  code: SsoErrorCode,
  claims: OidcClaims | null,
  context: RequestContext,
  userId: string | null = null,
) {
  await audit({
    action: "auth.sso_denied",
    actor: {
      userId,
      label: (claims?.preferredUsername ?? claims?.email ?? claims?.subject ?? "unknown").slice(0, 100),
    },
    target: userId ? { type: "user", id: userId } : undefined,
    ip: context.ip,
    userAgent: context.userAgent,
    details: { reason: code, issuer: claims?.issuer ?? null, email: claims?.email ?? null },
  });
  return { ok: false as const, error: code };
}

async function findAccount(claims: OidcClaims): Promise<Found> {
  const linked = await getUserByOidcIdentity(claims.issuer, claims.subject);
  if (linked) return { account: linked, how: "existing" };
  const byEmail = claims.email ? await getUserByEmailForOidc(claims.email) : undefined;
  if (byEmail) {
    // Linking on an unverified address would let anyone who can set that email at the IdP take the account.
    if (!claims.emailVerified) return { account: null, error: "email_not_verified" };
    if (byEmail.oidcSubject !== null) return { account: null, error: "identity_conflict" };
    // An address the account holder set on their own profile proves nothing about who they are.
    if (!byEmail.emailTrusted) return { account: null, error: "identity_conflict" };
    return { account: byEmail, how: "linked" };
  }
  if (!getEnv().oidc.autoCreateUsers) return { account: null, error: "no_account" };
  return { account: null, create: true };
}

async function freeUsername(claims: OidcClaims): Promise<string> {
  const base = baseUsername(claims);
  const taken = new Set(await listUsernamesLike(base));
  if (!taken.has(base)) return base;
  for (let n = 2; n < 1000; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  return `${base}-${randomUUID().slice(0, 8)}`;
}

type Created = { userId: string; username: string; role: string };

async function createAccount(claims: OidcClaims): Promise<Created | SsoErrorCode> {
  const env = getEnv().oidc;
  if (!claims.email) return "missing_claims";
  const roleName = roleForGroups(claims.groups, env) ?? roleNameAlias(env.defaultRole);
  const role = await getRoleByName(roleName);
  if (!role) return "role_unavailable";
  const username = await freeUsername(claims);
  const userId = await insertOidcUser({
    username,
    email: claims.email,
    firstName: claims.givenName,
    lastName: claims.familyName,
    roleId: role.id,
    issuer: claims.issuer,
    subject: claims.subject,
    emailVerified: claims.emailVerified === true,
  });
  return { userId, username, role: role.name };
}

/** Email and names follow the provider only when it vouches for the email address. */
async function refreshProfile(account: OidcAccount, claims: OidcClaims): Promise<void> {
  if (!claims.emailVerified) return;
  const changes: OidcProfileChanges = {};
  if (claims.email && claims.email.toLowerCase() !== account.email.toLowerCase()) {
    if (!(await emailTakenByOther(claims.email, account.id))) changes.email = claims.email;
  }
  if (claims.givenName && claims.givenName !== account.firstName) changes.firstName = claims.givenName;
  if (claims.familyName && claims.familyName !== account.lastName) changes.lastName = claims.familyName;
  await updateOidcProfile(account.id, changes);
}

async function attempt(claims: OidcClaims, context: RequestContext): Promise<OidcSignInOutcome> {
  const env = getEnv().oidc;
  const found = await findAccount(claims);
  let userId: string;
  let label: string;
  const details: Record<string, unknown> = { method: "oidc", issuer: claims.issuer };
  if (found.account) {
    const { account } = found;
    if (!account.isActive) return deny("account_disabled", claims, context, account.id);
    // With OIDC_TRUST_IDP_MFA=false, a PatchMon second factor must be matched by one at the provider.
    if (account.tfaEnabled && !env.trustIdpMfa && !idpPerformedMfa(claims)) {
      return deny("mfa_required", claims, context, account.id);
    }
    if (found.how === "linked" && !(await linkOidcIdentity(account.id, claims.issuer, claims.subject))) {
      return deny("identity_conflict", claims, context, account.id);
    }
    await refreshProfile(account, claims);
    if (env.syncRoles && hasGroupMapping(env)) {
      const wanted = roleForGroups(claims.groups, env) ?? roleNameAlias(env.defaultRole);
      details.roleSync = await syncOidcRole(account, wanted, context);
    }
    userId = account.id;
    label = account.username;
    details.account = found.how;
  } else if ("error" in found) {
    return deny(found.error, claims, context);
  } else {
    const created = await createAccount(claims);
    if (typeof created === "string") return deny(created, claims, context);
    userId = created.userId;
    label = created.username;
    details.account = "created";
    details.role = created.role;
  }
  const sessionId = randomUUID();
  await insertSessionOnce({
    id: sessionId,
    userId,
    ip: context.ip,
    userAgent: context.userAgent,
    expiresAt: new Date(Date.now() + getEnv().auth.jwtRefreshExpiresInMs),
  });
  await markOidcLogin(userId);
  await audit({
    action: "auth.sso_login",
    actor: { userId, label: label.slice(0, 100) },
    target: { type: "user", id: userId },
    ip: context.ip,
    userAgent: context.userAgent,
    details,
  });
  return { ok: true, userId, sessionId };
}

/** The whole SSO decision for one sign-in; `claims` null means the provider sent no usable identity. */
export async function resolveOidcIdentity(
  claims: OidcClaims | null,
  context: RequestContext,
): Promise<OidcSignInOutcome> {
  if (!claims) return deny("missing_claims", null, context);
  try {
    return await attempt(claims, context);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent first sign-in of the same person created or linked the account; look again.
    return attempt(claims, context);
  }
}
