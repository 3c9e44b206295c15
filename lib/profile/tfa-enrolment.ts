// Turning on two-factor sign-in: a new secret is shown (QR code and text) while it waits in the
// pending cookie; only a correct code from the user's app stores it, encrypted, and issues the
// backup codes, which are returned this once and kept only as hashes.
import QRCode from "qrcode";
import { enableTfa, getProfile } from "@/db/queries/profile";
import { replaceBackupCodes } from "@/db/queries/tfa";
import { withTransaction } from "@/db/queries/transaction";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import type { RequestContext } from "@/lib/auth/request-context";
import { generateBackupCodes, generateTotpSecret, hashBackupCodes, totpStep, totpUri } from "@/lib/auth/tfa";
import { encryptSecret } from "@/lib/crypto";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { openPendingSecret, sealPendingSecret } from "./pending-tfa";

export type EnrolmentView = {
  /** Base32, grouped in fours for typing into an app by hand. */
  secret: string;
  otpauthUri: string;
  qrSvg: string;
};

async function assertTfaOff(actor: Actor): Promise<void> {
  const profile = await getProfile(actor.userId);
  if (!profile) throw new NotFoundError("Account not found.");
  if (profile.tfaEnabled) throw new ServiceError("Two-factor authentication is already on.", { status: 409 });
}

async function viewOf(actor: Actor, secret: string): Promise<EnrolmentView> {
  const otpauthUri = totpUri(secret, actor.email || actor.username);
  const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret: secret.replace(/(.{4})(?=.)/g, "$1 "), otpauthUri, qrSvg };
}

/** A fresh pending secret: the token goes into the pending cookie, the view to the page. */
export async function beginTfaEnrolment(
  actor: Actor,
): Promise<{ pendingToken: string; view: EnrolmentView }> {
  await assertTfaOff(actor);
  const secret = generateTotpSecret();
  const pendingToken = await sealPendingSecret(actor, secret);
  return { pendingToken, view: await viewOf(actor, secret) };
}

/** The view of an enrolment this session started and has not finished, or null. */
export async function resumeTfaEnrolment(actor: Actor, pendingToken: unknown): Promise<EnrolmentView | null> {
  if (actor.tfaEnabled) return null;
  const secret = await openPendingSecret(actor, pendingToken);
  return secret ? viewOf(actor, secret) : null;
}

export async function confirmTfaEnrolment(
  actor: Actor,
  pendingToken: unknown,
  code: string,
  context: Partial<RequestContext> = {},
): Promise<{ backupCodes: string[] }> {
  const secret = await openPendingSecret(actor, pendingToken);
  if (!secret) throw new ServiceError("This enrolment has expired. Start again to get a new QR code.");
  const step = totpStep(secret, code);
  if (step === null) {
    throw new ServiceError("That code is not valid. Check your app's clock and try the current code.", {
      fieldErrors: { code: ["is not valid"] },
    });
  }
  const backupCodes = generateBackupCodes();
  const hashes = await hashBackupCodes(backupCodes);
  const enabled = await withTransaction(async (tx) => {
    // The confirming code counts as used: it cannot then sign in as well.
    if (!(await enableTfa(actor.userId, encryptSecret(secret), step, tx))) return false;
    await replaceBackupCodes(actor.userId, hashes, tx);
    return true;
  });
  if (!enabled) throw new ServiceError("Two-factor authentication is already on.", { status: 409 });
  await audit({
    action: "tfa.enabled",
    actor: { userId: actor.userId, label: actor.username },
    target: { type: "user", id: actor.userId },
    ip: context.ip,
    userAgent: context.userAgent,
  });
  return { backupCodes };
}
