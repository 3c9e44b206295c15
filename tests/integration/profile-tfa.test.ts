// Two-factor enrolment and changes from the profile page, against the same sign-in path
// (verifySecondFactor) the login form uses.
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listAuditEntries } from "@/db/queries/audit";
import { tfaBackupCodes, users } from "@/db/schema";
import { verifySecondFactor } from "@/lib/auth/login";
import { decryptSecret } from "@/lib/crypto";
import { ServiceError } from "@/lib/errors";
import { getMyProfile } from "@/lib/profile/account";
import { openPendingSecret, sealPendingSecret } from "@/lib/profile/pending-tfa";
import { disableTfa, regenerateBackupCodes } from "@/lib/profile/tfa";
import { beginTfaEnrolment, confirmTfaEnrolment, resumeTfaEnrolment } from "@/lib/profile/tfa-enrolment";
import { signedInUser, TEST_PASSWORD, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";

const context = { ip: "192.0.2.10", userAgent: "vitest" };

function codeFor(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret.replace(/\s+/g, "")), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

/** A six-digit code that is not valid now (far outside the one-step drift window). */
function wrongCodeFor(secret: string): string {
  const valid = new Set([-1, 0, 1].map((step) => codeFor(secret, step)));
  for (let step = 40; ; step++) {
    const candidate = codeFor(secret, step);
    if (!valid.has(candidate)) return candidate;
  }
}

async function enrolled(options: { password?: string } = {}) {
  const user = await signedInUser("user", options);
  const { pendingToken, view } = await beginTfaEnrolment(user.actor);
  const { backupCodes } = await confirmTfaEnrolment(user.actor, pendingToken, codeFor(view.secret), context);
  return { ...user, secret: view.secret.replace(/\s+/g, ""), backupCodes };
}

async function storedSecret(userId: string) {
  const [row] = await getDb()
    .select({ secret: users.tfaSecretEncrypted, enabled: users.tfaEnabled })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

async function auditActions(user: TestUser): Promise<string[]> {
  const { rows } = await listAuditEntries({ actorUserId: user.userId }, { limit: 50, offset: 0 });
  return rows.map((row) => row.action);
}

describe("profile: two-factor", () => {
  useMigratedDatabase();

  describe("TFA enrolment", () => {
    it("stores the secret encrypted only after a correct code and issues ten backup codes", async () => {
      const user = await signedInUser("user");
      const { pendingToken, view } = await beginTfaEnrolment(user.actor);
      const secret = view.secret.replace(/\s+/g, "");
      expect(view.qrSvg).toContain("<svg");
      expect(view.otpauthUri).toContain(`secret=${secret}`);
      expect(pendingToken).not.toContain(secret);
      expect(Buffer.from(pendingToken.split(".")[1] ?? "", "base64url").toString()).not.toContain(secret);
      expect((await storedSecret(user.userId))?.secret).toBeNull();

      await expect(confirmTfaEnrolment(user.actor, pendingToken, wrongCodeFor(secret))).rejects.toMatchObject(
        {
          fieldErrors: { code: ["is not valid"] },
        },
      );
      expect((await storedSecret(user.userId))?.enabled).toBe(false);

      const { backupCodes } = await confirmTfaEnrolment(user.actor, pendingToken, codeFor(secret), context);
      expect(backupCodes).toHaveLength(10);
      expect(new Set(backupCodes).size).toBe(10);
      const stored = await storedSecret(user.userId);
      expect(stored?.enabled).toBe(true);
      expect(stored?.secret).not.toBe(secret);
      expect(stored?.secret).not.toContain(secret);
      expect(decryptSecret(stored?.secret ?? "")).toBe(secret);
      const hashes = await getDb()
        .select()
        .from(tfaBackupCodes)
        .where(eq(tfaBackupCodes.userId, user.userId));
      expect(hashes.map((row) => row.codeHash)).not.toContain(backupCodes[0]);
      expect((await getMyProfile(user.actor)).unusedBackupCodes).toBe(10);
      expect(await auditActions(user)).toContain("tfa.enabled");

      // A second confirm with the same token cannot replace the secret or the codes.
      await expect(confirmTfaEnrolment(user.actor, pendingToken, codeFor(secret))).rejects.toThrow(
        /already on/,
      );
      await expect(beginTfaEnrolment(user.actor)).rejects.toThrow(/already on/);
    });

    it("binds the pending token to its user and session and refuses forged or foreign ones", async () => {
      const owner = await signedInUser("user");
      const other = await signedInUser("user");
      const { pendingToken, view } = await beginTfaEnrolment(owner.actor);
      expect(await resumeTfaEnrolment(owner.actor, pendingToken)).toMatchObject({ secret: view.secret });
      expect(await resumeTfaEnrolment(other.actor, pendingToken)).toBeNull();
      expect(
        await openPendingSecret({ ...owner.actor, sessionId: other.actor.sessionId }, pendingToken),
      ).toBeNull();
      const tampered = `${pendingToken.slice(0, -2)}AA`;
      expect(await openPendingSecret(owner.actor, tampered)).toBeNull();
      await expect(confirmTfaEnrolment(other.actor, pendingToken, codeFor(view.secret))).rejects.toThrow(
        /expired/,
      );
      const token = await sealPendingSecret(owner.actor, "JBSWY3DPEHPK3PXP");
      expect(await openPendingSecret(owner.actor, token)).toBe("JBSWY3DPEHPK3PXP");
    });
  });

  describe("signing in with the enrolled factor", () => {
    it("accepts the TOTP code and each backup code once", async () => {
      const user = await enrolled();
      // The code that confirmed the enrolment is spent; the next step's code (valid now) works.
      expect(await verifySecondFactor(user.userId, codeFor(user.secret), context)).toEqual({
        kind: "invalid",
      });
      expect(await verifySecondFactor(user.userId, codeFor(user.secret, 1), context)).toEqual({ kind: "ok" });
      const [first, second] = user.backupCodes as [string, string];
      expect(await verifySecondFactor(user.userId, first, context)).toEqual({ kind: "ok" });
      expect(await verifySecondFactor(user.userId, first, context)).toEqual({ kind: "invalid" });
      expect(await verifySecondFactor(user.userId, second.toLowerCase(), context)).toEqual({ kind: "ok" });
      expect((await getMyProfile(user.actor)).unusedBackupCodes).toBe(8);
    });
  });

  describe("changing TFA", () => {
    it("regenerates backup codes only with a current code, and the old codes stop working", async () => {
      const user = await enrolled();
      await expect(regenerateBackupCodes(user.actor, wrongCodeFor(user.secret))).rejects.toBeInstanceOf(
        ServiceError,
      );
      const { backupCodes } = await regenerateBackupCodes(user.actor, codeFor(user.secret, 1), context);
      expect(backupCodes).toHaveLength(10);
      // The same code again: refused, and said so.
      await expect(regenerateBackupCodes(user.actor, codeFor(user.secret, 1))).rejects.toMatchObject({
        fieldErrors: { code: ["has already been used"] },
      });
      expect(await verifySecondFactor(user.userId, user.backupCodes[0] as string, context)).toEqual({
        kind: "invalid",
      });
      expect(await verifySecondFactor(user.userId, backupCodes[0] as string, context)).toEqual({
        kind: "ok",
      });
      expect(await auditActions(user)).toContain("tfa.backup_codes_regenerated");
    });

    it("disables only with a valid code, and then the factor is gone", async () => {
      const user = await enrolled();
      await expect(disableTfa(user.actor, { code: wrongCodeFor(user.secret) })).rejects.toMatchObject({
        fieldErrors: { code: ["is not valid"] },
      });
      // A backup code is not "a current code from the app".
      await expect(disableTfa(user.actor, { code: user.backupCodes[0] as string })).rejects.toBeInstanceOf(
        ServiceError,
      );
      expect((await storedSecret(user.userId))?.enabled).toBe(true);
      await disableTfa(user.actor, { code: codeFor(user.secret, 1) }, context);
      expect(await storedSecret(user.userId)).toEqual({ secret: null, enabled: false });
      expect((await getMyProfile(user.actor)).unusedBackupCodes).toBe(0);
      expect(await verifySecondFactor(user.userId, codeFor(user.secret), context)).toEqual({
        kind: "invalid",
      });
      expect(await auditActions(user)).toContain("tfa.disabled");
      await expect(disableTfa(user.actor, { code: codeFor(user.secret) })).rejects.toThrow(/not on/);
    });

    it("disables with the password, refusing a wrong one", async () => {
      const user = await enrolled({ password: TEST_PASSWORD });
      await expect(disableTfa(user.actor, { password: "Wrong-Password-1" })).rejects.toMatchObject({
        fieldErrors: { password: ["is not correct"] },
      });
      expect((await storedSecret(user.userId))?.enabled).toBe(true);
      await disableTfa(user.actor, { password: TEST_PASSWORD }, context);
      expect((await storedSecret(user.userId))?.enabled).toBe(false);
    });

    it("locks code checks after MAX_TFA_ATTEMPTS wrong codes, even for the right code", async () => {
      const user = await enrolled();
      for (let attempt = 0; attempt < 5; attempt++) {
        await expect(regenerateBackupCodes(user.actor, wrongCodeFor(user.secret))).rejects.toBeInstanceOf(
          ServiceError,
        );
      }
      await expect(disableTfa(user.actor, { code: codeFor(user.secret) })).rejects.toThrow(/Too many/);
      expect((await storedSecret(user.userId))?.enabled).toBe(true);
      expect(await auditActions(user)).toContain("auth.tfa_locked");
    });
  });
});
