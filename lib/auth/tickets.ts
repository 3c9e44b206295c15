// Short-lived signed tokens between the steps of a sign-in. Our own actions check the password and
// the second factor; next-auth only turns a verified "login" ticket into a session cookie, and each
// ticket's id becomes the session row's id, so a ticket works exactly once.
import { createHmac, randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { getEnv } from "@/lib/env";

export type TicketPurpose = "login" | "tfa";

export type LoginTicket = { userId: string; ticketId: string; ip: string | null; userAgent: string | null };

const TTL_SECONDS: Record<TicketPurpose, number> = { login: 60, tfa: 300 };

function key(purpose: TicketPurpose): Uint8Array {
  // One key per purpose: a pending-TFA ticket can never pass as a login ticket.
  return createHmac("sha256", getEnv().sessionSecret).update(`patchmon-ticket:${purpose}`).digest();
}

export async function issueTicket(
  purpose: TicketPurpose,
  claims: Omit<LoginTicket, "ticketId">,
): Promise<string> {
  return new SignJWT({ ip: claims.ip, ua: claims.userAgent })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.userId)
    .setJti(randomUUID())
    .setAudience(`patchmon:${purpose}`)
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS[purpose]}s`)
    .sign(key(purpose));
}

/** The ticket's claims, or null when it is forged, expired or for another purpose. */
export async function readTicket(purpose: TicketPurpose, token: unknown): Promise<LoginTicket | null> {
  if (typeof token !== "string" || token.length === 0 || token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, key(purpose), {
      audience: `patchmon:${purpose}`,
      algorithms: ["HS256"],
    });
    if (!payload.sub || !payload.jti) return null;
    return {
      userId: payload.sub,
      ticketId: payload.jti,
      ip: typeof payload.ip === "string" ? payload.ip : null,
      userAgent: typeof payload.ua === "string" ? payload.ua : null,
    };
  } catch {
    return null;
  }
}
