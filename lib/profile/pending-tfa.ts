// A TOTP secret between "show the QR code" and "confirm with a code" lives in a short-lived signed
// cookie, not in the database: an abandoned enrolment leaves nothing behind. The secret inside is
// encrypted (lib/crypto.ts), so the cookie never carries it in the clear, and the token is bound to
// the user and the session that started the enrolment.
import { createHmac } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { getEnv } from "@/lib/env";

export const PENDING_TFA_COOKIE = "pm_tfa_enrol";
export const PENDING_TFA_TTL_SECONDS = 600;
const AUDIENCE = "patchmon:tfa-enrolment";

function key(): Uint8Array {
  // Its own key: an enrolment token can never pass as a sign-in ticket, nor the other way round.
  return createHmac("sha256", getEnv().sessionSecret).update("patchmon-ticket:tfa-enrolment").digest();
}

export async function sealPendingSecret(
  owner: { userId: string; sessionId: string },
  secret: string,
): Promise<string> {
  return new SignJWT({ enc: encryptSecret(secret), sid: owner.sessionId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(owner.userId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${PENDING_TFA_TTL_SECONDS}s`)
    .sign(key());
}

/** The pending secret, or null when the token is forged, expired or another session's. */
export async function openPendingSecret(
  owner: { userId: string; sessionId: string },
  token: unknown,
): Promise<string | null> {
  if (typeof token !== "string" || token.length === 0 || token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, key(), { audience: AUDIENCE, algorithms: ["HS256"] });
    if (payload.sub !== owner.userId || payload.sid !== owner.sessionId) return null;
    if (typeof payload.enc !== "string") return null;
    return decryptSecret(payload.enc);
  } catch {
    return null;
  }
}
