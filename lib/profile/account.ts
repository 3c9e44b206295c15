// The signed-in user's own account: names, email and theme. Any signed-in user may edit their own;
// nothing here touches role, username or another account.
import {
  emailInUseByOther,
  getProfile,
  type ProfileRow,
  updateProfile as writeProfile,
} from "@/db/queries/profile";
import { countUnusedBackupCodes } from "@/db/queries/tfa";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import type { RequestContext } from "@/lib/auth/request-context";
import { NotFoundError, ServiceError } from "@/lib/errors";
import type { UpdateProfileInput } from "./schemas";

export type MyProfile = ProfileRow & { unusedBackupCodes: number };

const EMAIL_TAKEN = { email: ["is already used by another account"] };

export async function getMyProfile(actor: Actor): Promise<MyProfile> {
  const profile = await getProfile(actor.userId);
  if (!profile) throw new NotFoundError("Account not found.");
  const unusedBackupCodes = profile.tfaEnabled ? await countUnusedBackupCodes(actor.userId) : 0;
  return { ...profile, unusedBackupCodes };
}

export async function updateProfile(
  actor: Actor,
  input: UpdateProfileInput,
  context: Partial<RequestContext> = {},
): Promise<{ themePreference: UpdateProfileInput["themePreference"] }> {
  const before = await getProfile(actor.userId);
  if (!before) throw new NotFoundError("Account not found.");
  if (await emailInUseByOther(input.email, actor.userId)) {
    throw new ServiceError("That email is already in use.", { status: 409, fieldErrors: EMAIL_TAKEN });
  }
  const outcome = await writeProfile(actor.userId, input);
  if (outcome === "not_found") throw new NotFoundError("Account not found.");
  if (outcome === "email_taken") {
    throw new ServiceError("That email is already in use.", { status: 409, fieldErrors: EMAIL_TAKEN });
  }
  const changed = (["firstName", "lastName", "email", "themePreference"] as const).filter(
    (field) => (before[field] ?? null) !== (field === "email" ? input.email.trim() : input[field]),
  );
  if (changed.length > 0) {
    await audit({
      action: "user.updated",
      actor: { userId: actor.userId, label: actor.username },
      target: { type: "user", id: actor.userId },
      ip: context.ip,
      userAgent: context.userAgent,
      details: { fields: changed, self: true },
    });
  }
  return { themePreference: input.themePreference };
}
