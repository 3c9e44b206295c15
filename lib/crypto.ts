// Secrets at rest (notification channel passwords and tokens, TOTP secrets): AES-256-GCM in a
// versioned text format `v1:<iv>:<tag>:<ciphertext>` (base64url), so the scheme can change later
// without guessing what an old value is.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "./env";
import { getLogger } from "./logger";

const VERSION = "v1";
const HKDF_SALT = "patchmon-secrets";
const HKDF_INFO = "patchmon secret encryption v1";

let cachedKey: { source: string; key: Buffer } | undefined;
let warned = false;

/** 32 bytes from a configured key: 64 hex characters are taken as the key itself, anything else goes through HKDF. */
export function deriveKey(material: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(material)) return Buffer.from(material, "hex");
  return Buffer.from(hkdfSync("sha256", Buffer.from(material, "utf8"), HKDF_SALT, HKDF_INFO, 32));
}

/**
 * The key chain: AI_ENCRYPTION_KEY, else SESSION_SECRET, else one derived from the session signing
 * secret (JWT_SECRET or the generated one). The last is logged once: rotating JWT_SECRET would then
 * make stored secrets unreadable.
 */
function encryptionKey(): Buffer {
  const { encryption, sessionSecret } = getEnv();
  const material = encryption.aiEncryptionKey ?? encryption.sessionSecret ?? sessionSecret;
  if (!material) throw new Error("no key material for secret encryption");
  if (cachedKey?.source === material) return cachedKey.key;
  if (!encryption.aiEncryptionKey && !encryption.sessionSecret && !warned) {
    warned = true;
    getLogger("crypto").warn(
      "AI_ENCRYPTION_KEY and SESSION_SECRET are unset: secrets are encrypted with a key derived from the session secret; set AI_ENCRYPTION_KEY to rotate them independently",
    );
  }
  cachedKey = { source: material, key: deriveKey(material) };
  return cachedKey.key;
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(":");
}

/** Throws when the value is malformed, was encrypted with another key, or was tampered with. */
export function decryptSecret(enc: string): string {
  const parts = enc.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error("unsupported encrypted secret format");
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, "base64url"));
  if (iv?.length !== 12 || tag?.length !== 16 || !ciphertext) throw new Error("malformed encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
}

/** A short, non-reversible fingerprint of the key in use, for diagnostics. */
export function keyFingerprint(): string {
  return createHash("sha256").update(encryptionKey()).digest("hex").slice(0, 8);
}
