// TOTP (RFC 6238) and backup codes. Secrets are stored encrypted (lib/crypto.ts); backup codes
// and remembered-device tokens only as hashes.
import { createHash, randomBytes, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { claimTotpStep } from "@/db/queries/tfa";
import { decryptSecret } from "@/lib/crypto";
import { hashPassword, verifyPassword } from "./passwords";

export const BACKUP_CODE_COUNT = 10;
const ISSUER = "PatchMon";
// No 0/O/1/I/L: codes are read off paper.
const BACKUP_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

const TOTP_PERIOD_SECONDS = 30;

function totpFor(secretBase32: string, label = "user"): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, label: string): string {
  return totpFor(secretBase32, label).toString();
}

/**
 * The time step (unix seconds / 30) of a six-digit code valid now, one step of clock drift either
 * way; null when the code is not valid. Every use claims its step (claimTotpStep): a code works once.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

function totpStepEncrypted(encryptedSecret: string | null, code: string): number | null {
  if (!encryptedSecret) return null;
  try {
    return totpStep(decryptSecret(encryptedSecret), code);
  } catch {
    return null;
  }
}

/**
 * Checks a code against the user's stored secret and spends it: "spent" when it is valid and its
 * time step is newer than any code used before, "used" when it is valid but already spent (a
 * replay, or an older code), "invalid" otherwise.
 */
export async function spendTotpCode(
  userId: string,
  encryptedSecret: string | null,
  code: string,
): Promise<"spent" | "used" | "invalid"> {
  const step = totpStepEncrypted(encryptedSecret, code);
  if (step === null) return "invalid";
  return (await claimTotpStep(userId, step)) ? "spent" : "used";
}

/** Ten codes like "K7QM-2XPA-9D", from a CSPRNG, to show once. */
export function generateBackupCodes(count = BACKUP_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => BACKUP_ALPHABET[randomInt(BACKUP_ALPHABET.length)]).join(
      "",
    );
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

export function normaliseBackupCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

export function looksLikeBackupCode(code: string): boolean {
  return normaliseBackupCode(code).length === 10;
}

export function hashBackupCodes(codes: string[]): Promise<string[]> {
  return Promise.all(codes.map((code) => hashPassword(normaliseBackupCode(code))));
}

/** The id of the stored code this input matches, if any. */
export async function matchBackupCode(
  stored: { id: string; codeHash: string }[],
  code: string,
): Promise<string | null> {
  const normalised = normaliseBackupCode(code);
  const results = await Promise.all(stored.map((row) => verifyPassword(row.codeHash, normalised)));
  const index = results.indexOf(true);
  return index >= 0 ? (stored[index]?.id ?? null) : null;
}

export function newDeviceToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashDeviceToken(token) };
}

export function hashDeviceToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
