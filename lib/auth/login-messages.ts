// Readable messages for the ?error= codes the login page can be sent back with.
import { describeSsoError } from "./oidc-errors";

export function describeLoginPageError(error: unknown, code?: unknown): string | null {
  if (typeof error !== "string" || error.length === 0) return null;
  switch (error) {
    case "CredentialsSignin":
      return code === "expired" ? "Your sign-in expired. Start again." : "Sign-in failed. Start again.";
    case "SessionExpired":
      return "Your session ended. Sign in again.";
    case "AccessDenied":
      return "Access was denied.";
    case "Configuration":
    case "OAuthSignin":
    case "OAuthCallbackError":
    case "OAuthCallback":
      return "Single sign-on is not working right now. Try again, or ask an administrator to check the server log.";
    default:
      return describeSsoError(error);
  }
}
