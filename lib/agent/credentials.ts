// Agent credentials and one-time tokens. Every secret here is 256 bits from the CSPRNG, so a fast
// SHA-256 compared in constant time is the right storage: no salt or slow hash is needed against
// guessing, and no pepper is tied to JWT_SECRET (rotating sessions must not lock agents out).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const API_ID_PATTERN = /^patchmon_[0-9a-f]{16}$/;
export const API_KEY_PATTERN = /^[0-9a-f]{64}$/;
export const BOOTSTRAP_TOKEN_PATTERN = /^[0-9a-f]{64}$/;
export const BOOTSTRAP_TOKEN_TTL_MS = 5 * 60_000;

export type AgentCredentials = { apiId: string; apiKey: string; apiKeyHash: string };

export function generateApiId(): string {
  return `patchmon_${randomBytes(8).toString("hex")}`;
}

/** 64 hex characters: 256 random bits. Also used for bootstrap tokens and enrolment secrets. */
export function generateSecret(): string {
  return randomBytes(32).toString("hex");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time comparison of `secret` against a stored SHA-256 hex hash. */
export function verifySecret(secret: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, "hex");
  const actual = createHash("sha256").update(secret, "utf8").digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A new API id and key, with the hash to store. The key is shown once and never stored. */
export function generateAgentCredentials(): AgentCredentials {
  const apiKey = generateSecret();
  return { apiId: generateApiId(), apiKey, apiKeyHash: hashSecret(apiKey) };
}

/** A new key for an existing API id. */
export function generateApiKey(): { apiKey: string; apiKeyHash: string } {
  const apiKey = generateSecret();
  return { apiKey, apiKeyHash: hashSecret(apiKey) };
}

/** Public half of an auto-enrolment token (sent as X-Auto-Enrollment-Key). */
export function generateEnrolmentKey(): string {
  return `patchmon_ae_${randomBytes(16).toString("hex")}`;
}
