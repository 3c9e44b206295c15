// Pure readers of what an identity provider says about a user: the identity, the email and
// whether it is verified, the groups that decide the role, and whether a second factor was used.
import { decodeJwt } from "jose";

export type OidcClaims = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  preferredUsername: string | null;
  givenName: string | null;
  familyName: string | null;
  groups: string[];
  amr: string[];
  acr: string | null;
};

export type GroupMapping = {
  superadminGroup?: string;
  adminGroup?: string;
  hostManagerGroup?: string;
  userGroup?: string;
  readonlyGroup?: string;
};

function text(value: unknown, max = 254): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, max) : null;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v.trim() !== "");
  // Some providers send one group as a string, or several separated by commas.
  if (typeof value === "string")
    return value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  return [];
}

function idTokenClaims(idToken: unknown): Record<string, unknown> {
  if (typeof idToken !== "string") return {};
  try {
    // Already validated by next-auth (issuer, audience, nonce) before the sign-in callback runs.
    return decodeJwt(idToken);
  } catch {
    return {};
  }
}

/**
 * Merges the userinfo profile over the ID token's claims (the profile comes from userinfo, where
 * most providers put groups and email; amr/acr/iss live only in the ID token). Null without a subject.
 */
export function readOidcClaims(
  profile: Record<string, unknown>,
  idToken: unknown,
  configuredIssuer: string | undefined,
): OidcClaims | null {
  const fromToken = idTokenClaims(idToken);
  const claims = { ...fromToken, ...profile };
  const subject = text(fromToken.sub ?? claims.sub, 255);
  const issuer = text(fromToken.iss ?? claims.iss, 2048) ?? configuredIssuer ?? null;
  if (!subject || !issuer) return null;
  const email = text(claims.email);
  return {
    issuer,
    subject,
    email: email?.includes("@") ? email : null,
    emailVerified: claims.email_verified === true,
    preferredUsername: text(claims.preferred_username, 64),
    givenName: text(claims.given_name, 100),
    familyName: text(claims.family_name, 100),
    groups: [...list(claims.groups), ...list(claims.roles)],
    amr: list(fromToken.amr ?? claims.amr),
    acr: text(fromToken.acr ?? claims.acr, 512),
  };
}

const PRECEDENCE = [
  ["superadmin", "superadminGroup"],
  ["admin", "adminGroup"],
  ["host_manager", "hostManagerGroup"],
  ["user", "userGroup"],
  ["readonly", "readonlyGroup"],
] as const;

/** True when at least one OIDC_*_GROUP is set, i.e. the provider's groups decide roles. */
export function hasGroupMapping(mapping: GroupMapping): boolean {
  return PRECEDENCE.some(([, key]) => Boolean(mapping[key]?.trim()));
}

/** The most privileged built-in role whose group the user is in (names compared case-insensitively). */
export function roleForGroups(groups: string[], mapping: GroupMapping): string | null {
  const held = new Set(groups.map((g) => g.trim().toLowerCase()));
  for (const [role, key] of PRECEDENCE) {
    const group = mapping[key]?.trim().toLowerCase();
    if (group && held.has(group)) return role;
  }
  return null;
}

// RFC 8176 method references that mean more than a password was used.
const MFA_METHODS = new Set(["mfa", "mca", "otp", "hwk", "sc", "swk", "sms"]);

/** Whether the provider says this sign-in used a second factor (amr, or an MFA-level acr). */
export function idpPerformedMfa(claims: Pick<OidcClaims, "amr" | "acr">): boolean {
  if (claims.amr.some((method) => MFA_METHODS.has(method.toLowerCase()))) return true;
  return claims.acr !== null && /mfa|multi-?factor|2fa|two-?factor/i.test(claims.acr);
}

/** A username from preferred_username or the email's local part, reduced to the allowed characters. */
export function baseUsername(claims: Pick<OidcClaims, "preferredUsername" | "email" | "subject">): string {
  const source = claims.preferredUsername ?? claims.email?.split("@")[0] ?? `sso-${claims.subject}`;
  const cleaned = source
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 56);
  return cleaned.length >= 3 ? cleaned : `sso-${cleaned || "user"}`;
}

/** Seed examples name a "viewer" role; ours is called readonly. */
export function roleNameAlias(name: string): string {
  const trimmed = name.trim();
  return trimmed.toLowerCase() === "viewer" ? "readonly" : trimmed;
}
