// OIDC single sign-on: provider configuration and account resolution. (Filled in by the SSO work.)
import type { Account, Profile } from "next-auth";
import type { Provider } from "next-auth/providers";

export type OidcSignInOutcome =
  | { ok: true; userId: string; sessionId: string }
  | { ok: false; error: string };

export function oidcProviders(): Provider[] {
  return [];
}

export async function resolveOidcSignIn(_profile: Profile, _account: Account): Promise<OidcSignInOutcome> {
  return { ok: false, error: "sso_unavailable" };
}
