// Shared pieces of the user services: who did it (for audit rows) and the loaded target.
import { type AdminUser, getAdminUser } from "@/db/queries/user-admin";
import { isUuid } from "@/lib/actor-audit";
import { NotFoundError } from "@/lib/errors";

export { auditBy, isUuid, type RequestMeta } from "@/lib/actor-audit";

export async function loadTargetUser(
  userId: string,
  tx?: Parameters<typeof getAdminUser>[1],
  lock = false,
): Promise<AdminUser> {
  const user = isUuid(userId) ? await getAdminUser(userId, tx, { lock }) : undefined;
  if (!user) throw new NotFoundError("User not found.");
  return user;
}

export function userTarget(userId: string) {
  return { type: "user", id: userId };
}
