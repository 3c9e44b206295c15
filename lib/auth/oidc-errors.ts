// Why a single sign-on attempt ended on /login?error=<code>, in words an operator can act on.
// Codes are ours (resolveOidcSignIn) or next-auth's own error types for protocol failures.

export const SSO_ERROR_CODES = [
  "sso_unavailable",
  "missing_claims",
  "email_not_verified",
  "identity_conflict",
  "no_account",
  "account_disabled",
  "mfa_required",
  "role_unavailable",
] as const;

export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

const MESSAGES: Record<SsoErrorCode, string> = {
  sso_unavailable: "Single sign-on is not available right now. Try again or sign in with your password.",
  missing_claims:
    "Your identity provider did not send the details PatchMon needs (a subject and an email address). Ask your administrator to check the OIDC scopes.",
  email_not_verified:
    "An account with this email address already exists, but your identity provider has not verified the address, so the two cannot be linked. Verify your email with your identity provider or ask an administrator.",
  identity_conflict:
    "The PatchMon account with this email address is already linked to a different single sign-on identity. Ask an administrator.",
  no_account:
    "There is no PatchMon account for you and automatic account creation is off. Ask an administrator to create your account.",
  account_disabled: "Your account is disabled. Ask an administrator to enable it.",
  mfa_required:
    "Your account uses two-factor authentication, and your identity provider did not confirm a second factor for this sign-in. Sign in at your identity provider with a second factor and try again.",
  role_unavailable:
    "The role configured for new single sign-on users does not exist. Ask an administrator to check OIDC_DEFAULT_ROLE.",
};

// next-auth redirects to the error page with its own types when the protocol itself fails.
const NEXT_AUTH_MESSAGES: Record<string, string> = {
  AccessDenied: "Single sign-on was refused.",
  OAuthCallbackError: "Your identity provider reported an error or the sign-in was cancelled.",
  OAuthSignInError: "Single sign-on could not start. Check the OIDC settings.",
  OAuthSignin: "Single sign-on could not start. Check the OIDC settings.",
  OAuthCallback: "Single sign-on could not be completed. Try again.",
  InvalidCheck: "The sign-in took too long or was started in another browser. Try again.",
  MissingCSRF: "The sign-in form expired. Try again.",
  Configuration: "Sign-in failed because of a server configuration problem. Check the server logs.",
  Verification: "The sign-in link is no longer valid.",
};

export function isSsoErrorCode(code: string): code is SsoErrorCode {
  return (SSO_ERROR_CODES as readonly string[]).includes(code);
}

/** The message the login page shows for `?error=<code>`; null when there is no code. */
export function describeSsoError(code: string | null | undefined): string | null {
  if (!code) return null;
  if (isSsoErrorCode(code)) return MESSAGES[code];
  return NEXT_AUTH_MESSAGES[code] ?? "Sign-in failed. Try again.";
}
