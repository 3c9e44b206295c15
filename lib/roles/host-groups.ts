// Host-group scope inputs must name groups that exist (a bad id is the caller's mistake, not a 500).
import { existingHostGroupIds } from "@/db/queries/roles";
import { ServiceError } from "@/lib/errors";

export async function assertHostGroupsExist(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set(await existingHostGroupIds(ids));
  if (ids.some((id) => !found.has(id)))
    throw new ServiceError("Choose existing host groups.", {
      fieldErrors: { hostGroupIds: ["One of these host groups no longer exists"] },
    });
}
