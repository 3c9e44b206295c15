// The auth rate limit as server actions see it: a server action cannot answer 429, so the sign-in,
// second-factor and setup actions ask here first and show the message. Each call is one attempt
// counted against the client address (the same counter proxy.ts keeps for next-auth's endpoints)
// and, when a login name is given, against that name from any address.
import { consumeRateLimit, describeWait, rateLimitKey } from "@/lib/rate-limit";
import type { RequestContext } from "./request-context";

export type AuthAttemptOutcome =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; message: string };

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  return `Too many sign-in attempts. Try again in ${describeWait(retryAfterSeconds)}.`;
}

/** Counts one sign-in attempt; refused with a readable message once the auth limit is reached. */
export async function limitAuthAttempt(
  context: Pick<RequestContext, "ip">,
  login?: string | null,
): Promise<AuthAttemptOutcome> {
  const byIp = await consumeRateLimit("auth", rateLimitKey({ ip: context.ip }));
  // A refused address does not also spend the name's allowance.
  if (!byIp.allowed) return refused(byIp.retryAfterSeconds);
  if (login?.trim()) {
    const byLogin = await consumeRateLimit("auth", rateLimitKey({ login }));
    if (!byLogin.allowed) return refused(byLogin.retryAfterSeconds);
  }
  return { allowed: true };
}

function refused(retryAfterSeconds: number): AuthAttemptOutcome {
  return { allowed: false, retryAfterSeconds, message: tooManyAttemptsMessage(retryAfterSeconds) };
}
