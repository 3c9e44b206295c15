"use server";

import { revokeSession } from "@/db/queries/auth";
import { audit } from "@/lib/audit";
import { getActor } from "@/lib/auth/actor";
import { signOut } from "@/lib/auth/config";
import { getRequestContext } from "@/lib/auth/request-context";

/** Signs out: the session row is revoked first, so the cookie is worthless even if it survives. */
export async function logoutAction(): Promise<void> {
  const actor = await getActor();
  if (actor) {
    await revokeSession(actor.sessionId);
    const context = await getRequestContext();
    await audit({
      action: "auth.logout",
      actor: { userId: actor.userId, label: actor.username },
      target: { type: "user", id: actor.userId },
      ip: context.ip,
      userAgent: context.userAgent,
    });
  }
  await signOut({ redirectTo: "/login" });
}
