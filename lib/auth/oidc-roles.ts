// OIDC_SYNC_ROLES: the provider's groups set the role on every sign-in, except that the last active
// superuser is never demoted by it (that would leave nobody able to manage superusers).

import { type OidcAccount, setUserRoleForOidc } from "@/db/queries/oidc";
import { withTransaction } from "@/db/queries/transaction";
import { lockActiveSuperuserIds } from "@/db/queries/user-admin";
import { getRoleByName } from "@/db/queries/users";
import { audit } from "@/lib/audit";
import { getLogger } from "@/lib/logger";
import type { RequestContext } from "./request-context";

export type RoleSyncResult =
  | { result: "unchanged"; role: string }
  | { result: "changed"; from: string; to: string }
  | { result: "kept_last_superuser"; role: string; wanted: string }
  | { result: "unknown_role"; role: string; wanted: string };

export async function syncOidcRole(
  account: OidcAccount,
  wantedName: string,
  context: RequestContext,
): Promise<RoleSyncResult> {
  if (wantedName === account.roleName) return { result: "unchanged", role: account.roleName };
  const log = getLogger("auth");
  const wanted = await getRoleByName(wantedName);
  if (!wanted) {
    log.warn({ userId: account.id, wanted: wantedName }, "OIDC role sync: no role of that name; role kept");
    return { result: "unknown_role", role: account.roleName, wanted: wantedName };
  }
  const changed = await withTransaction(async (tx) => {
    if (account.roleIsSuperuser && !wanted.canManageSuperusers) {
      const superusers = await lockActiveSuperuserIds(tx);
      if (!superusers.some((id) => id !== account.id)) return false;
    }
    await setUserRoleForOidc(account.id, wanted.id, tx);
    return true;
  });
  if (!changed) {
    log.warn(
      { userId: account.id, role: account.roleName, wanted: wanted.name },
      "OIDC role sync would demote the last active superuser; role kept",
    );
    return { result: "kept_last_superuser", role: account.roleName, wanted: wanted.name };
  }
  await audit({
    action: "user.role_changed",
    actor: { userId: account.id, label: account.username },
    target: { type: "user", id: account.id },
    ip: context.ip,
    userAgent: context.userAgent,
    details: { from: account.roleName, to: wanted.name, source: "oidc_groups" },
  });
  return { result: "changed", from: account.roleName, to: wanted.name };
}
