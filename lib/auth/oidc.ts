// OIDC single sign-on: next-auth's generic OIDC provider built from OIDC_*, and the sign-in
// decision (lib/auth/oidc-users.ts). next-auth's callback URL is <public URL>/api/auth/callback/oidc.
import type { Account, Profile } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { getClientIp } from "@/lib/api/client-ip";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { readOidcClaims } from "./oidc-claims";
import { type OidcSignInOutcome, resolveOidcIdentity } from "./oidc-users";
import { getRequestContext, type RequestContext } from "./request-context";

export type { OidcSignInOutcome } from "./oidc-users";

export const OIDC_PROVIDER_ID = "oidc";
const CALLBACK_SUFFIX = `/callback/${OIDC_PROVIDER_ID}`;

/**
 * next-auth derives its callback from the request's origin; OIDC_REDIRECT_URI pins it instead (for
 * a proxy that does not pass the public host). next-auth appends /callback/oidc to this base.
 */
export function redirectProxyBase(redirectUri: string | undefined): string | undefined {
  if (!redirectUri) return undefined;
  const url = new URL(redirectUri);
  const path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith(CALLBACK_SUFFIX)) return `${url.origin}${path.slice(0, -CALLBACK_SUFFIX.length)}`;
  getLogger("auth").warn(
    { redirectUri, expected: `${url.origin}/api/auth${CALLBACK_SUFFIX}` },
    "OIDC_REDIRECT_URI must end in /api/auth/callback/oidc; using that path on the same origin",
  );
  return `${url.origin}/api/auth`;
}

export function oidcProviders(): OIDCConfig<Profile>[] {
  const env = getEnv().oidc;
  if (!env.enabled || !env.issuerUrl || !env.clientId) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: env.buttonText,
      type: "oidc",
      issuer: env.issuerUrl,
      clientId: env.clientId,
      clientSecret: env.clientSecret,
      authorization: { params: { scope: env.scopes } },
      checks: ["pkce", "state", "nonce"],
      // Read the userinfo endpoint too: many providers put email and groups only there. The ID
      // token's own claims (iss, amr, acr) are read from account.id_token.
      idToken: false,
      redirectProxyUrl: redirectProxyBase(env.redirectUri),
    },
  ];
}

/** What the login page needs to offer single sign-on. */
export function ssoButtonConfig(): { enabled: boolean; text: string } {
  const env = getEnv().oidc;
  return { enabled: oidcProviders().length > 0, text: env.buttonText };
}

/** OIDC_DISABLE_LOCAL_AUTH: only meaningful while SSO is actually configured. */
export function localAuthDisabled(): boolean {
  return getEnv().oidc.disableLocalAuth && ssoButtonConfig().enabled;
}

function contextOf(request: Request): RequestContext {
  const userAgent = request.headers.get("user-agent");
  return { ip: getClientIp(request), userAgent: userAgent ? userAgent.slice(0, 512) : null };
}

/**
 * next-auth's signIn callback for the OIDC provider. `request` is the callback request when
 * next-auth's route handler runs; without it the context comes from Next's request headers.
 */
export async function resolveOidcSignIn(
  profile: Profile,
  account: Account,
  request?: Request,
): Promise<OidcSignInOutcome> {
  const context = request ? contextOf(request) : await getRequestContext();
  const claims = readOidcClaims(
    profile as Record<string, unknown>,
    account.id_token,
    getEnv().oidc.issuerUrl,
  );
  return resolveOidcIdentity(claims, context);
}
