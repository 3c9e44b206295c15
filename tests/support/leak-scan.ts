// Secrets that must never leave the server, read from the database, and a scanner for answers.
// Users get every kind of secret (password hash, encrypted TOTP secret, backup codes, remembered
// devices, several sessions) so that any query or serialiser that lets one through is caught.
import { isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { rememberDevice, replaceBackupCodes, setTfaSecret } from "@/db/queries/tfa";
import { sessions, tfaBackupCodes, tfaRememberedDevices, users } from "@/db/schema";
import { generateBackupCodes, generateTotpSecret, hashBackupCodes, newDeviceToken } from "@/lib/auth/tfa";
import { encryptSecret } from "@/lib/crypto";

export type PlantedSecrets = { totpSecret: string; backupCodes: string[]; deviceToken: string };

/** Gives a user TFA (encrypted secret, backup codes), a remembered device and a second session. */
export async function plantSecrets(userId: string): Promise<PlantedSecrets> {
  const totpSecret = generateTotpSecret();
  await setTfaSecret(userId, encryptSecret(totpSecret), true);
  const backupCodes = generateBackupCodes();
  await replaceBackupCodes(userId, await hashBackupCodes(backupCodes));
  const { token, tokenHash } = newDeviceToken();
  await rememberDevice(
    {
      userId,
      tokenHash,
      ip: "192.0.2.77",
      userAgent: "leak-scan",
      expiresAt: new Date(Date.now() + 86_400_000),
    },
    5,
  );
  await getDb()
    .insert(sessions)
    .values({ userId, expiresAt: new Date(Date.now() + 3_600_000), tfaVerified: true, ip: "192.0.2.78" });
  return { totpSecret, backupCodes, deviceToken: token };
}

/** Markers shown to nobody, ever: every stored hash and encrypted secret, and the planted plain values. */
export class SecretMarkers {
  private readonly always = new Set<string>(["$argon2"]);
  private readonly sessionsOf = new Map<string, Set<string>>();

  plant(planted: PlantedSecrets): void {
    this.always.add(planted.totpSecret);
    this.always.add(planted.deviceToken);
  }

  /** Reads the current hashes and live sessions; earlier ones stay markers (old hashes must not leak either). */
  async refresh(): Promise<void> {
    const db = getDb();
    for (const row of await db.select({ h: users.passwordHash, t: users.tfaSecretEncrypted }).from(users)) {
      if (row.h) this.always.add(row.h);
      if (row.t) this.always.add(row.t);
    }
    for (const row of await db.select({ h: tfaBackupCodes.codeHash }).from(tfaBackupCodes))
      this.always.add(row.h);
    for (const row of await db.select({ h: tfaRememberedDevices.tokenHash }).from(tfaRememberedDevices)) {
      this.always.add(row.h);
    }
    const live = await db
      .select({ id: sessions.id, userId: sessions.userId })
      .from(sessions)
      .where(isNull(sessions.revokedAt));
    for (const row of live) {
      const ids = this.sessionsOf.get(row.userId) ?? new Set<string>();
      ids.add(row.id);
      this.sessionsOf.set(row.userId, ids);
    }
  }

  /** The markers found in `text`, an answer meant for `viewerUserId` (whose own session ids may appear). */
  findIn(text: string, viewerUserId: string | null): string[] {
    const found = [...this.always].filter((marker) => marker.length >= 6 && text.includes(marker));
    for (const [userId, ids] of this.sessionsOf) {
      if (userId === viewerUserId) continue;
      for (const id of ids) if (text.includes(id)) found.push(`session ${id} of user ${userId}`);
    }
    // Column names of secrets in a serialised row mean a whole row went out.
    const columns = text.match(
      /password_?hash|tfa_?secret|secret_?encrypted|code_?hash|token_?hash|api_?key_?hash/gi,
    );
    return [...found, ...(columns ?? [])];
  }

  count(): number {
    return this.always.size + [...this.sessionsOf.values()].reduce((n, ids) => n + ids.size, 0);
  }
}

/** Serialises what a service returned the way a server component or action hands it to the browser. */
export function serialised(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v instanceof Set ? [...v] : v)) ?? "";
}
