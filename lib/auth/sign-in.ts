// The last step of every local sign-in: a one-time ticket that next-auth turns into the session
// cookie (and our session row). Redirects; never returns.
import { signIn, TICKET_PROVIDER } from "./config";
import type { RequestContext } from "./request-context";
import { safeCallbackUrl } from "./schemas";
import { issueTicket } from "./tickets";

export async function completeSignIn(
  userId: string,
  context: RequestContext,
  callbackUrl?: string | null,
): Promise<never> {
  const ticket = await issueTicket("login", { userId, ip: context.ip, userAgent: context.userAgent });
  await signIn(TICKET_PROVIDER, { ticket, redirectTo: safeCallbackUrl(callbackUrl) });
  throw new Error("sign-in did not redirect");
}
