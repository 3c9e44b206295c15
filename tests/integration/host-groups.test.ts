// Host groups through the service the page's actions call: create/edit/delete with validation and
// audit, delete keeps the hosts, scoped users see and edit only their groups and cannot create.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, hostGroupMemberships, hosts } from "@/db/schema";
import { NotFoundError, PermissionError, ServiceError } from "@/lib/errors";
import {
  createHostGroupFor,
  deleteHostGroupFor,
  getHostGroupFor,
  listHostGroupsFor,
  updateHostGroupFor,
} from "@/lib/host-groups/service";
import { signedInUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { createFleet, scopedRole, userWithScope } from "./host-scope-support";

const tag = () => `hg${randomBytes(4).toString("hex")}`;

async function auditRows(action: string, targetId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
}

describe("host groups", () => {
  useMigratedDatabase();

  it("an admin creates, edits and deletes a group; each change is audited", async () => {
    const { actor } = await signedInUser("admin");
    const name = tag();
    const group = await createHostGroupFor(actor, { name, description: "Web tier", color: "#10b981" });
    expect(group).toMatchObject({ name, description: "Web tier", color: "#10B981", hostCount: 0 });
    expect(await auditRows("host_group.created", group.id)).toHaveLength(1);

    const renamed = `${name}-renamed`;
    const edited = await updateHostGroupFor(actor, group.id, { name: renamed, color: "#EF4444" });
    expect(edited).toMatchObject({ name: renamed, description: null, color: "#EF4444" });
    const [updated] = await auditRows("host_group.updated", group.id);
    expect(updated?.details).toMatchObject({ name: renamed, previousName: name });

    await deleteHostGroupFor(actor, group.id);
    await expect(getHostGroupFor(actor, group.id)).rejects.toThrow(NotFoundError);
    expect(await auditRows("host_group.deleted", group.id)).toHaveLength(1);
  });

  it("refuses a bad colour, an empty name and a duplicate name with field errors", async () => {
    const { actor } = await signedInUser("admin");
    await expect(createHostGroupFor(actor, { name: tag(), color: "blue" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["color"] })],
    });
    await expect(createHostGroupFor(actor, { name: "  ", color: "#123456" })).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["name"], message: "Enter a name" })]),
    });
    const name = tag();
    await createHostGroupFor(actor, { name, color: "#123456" });
    const duplicate = createHostGroupFor(actor, { name, color: "#123456" });
    await expect(duplicate).rejects.toThrow(ServiceError);
    await expect(duplicate).rejects.toMatchObject({ fieldErrors: { name: ["This name is taken"] } });
  });

  it("counts members, and deleting a group keeps its hosts (ungrouped when it was their only group)", async () => {
    const { actor } = await signedInUser("admin");
    const fleet = await createFleet();
    const groups = await listHostGroupsFor(actor);
    const a = groups.find((group) => group.id === fleet.groups.a);
    expect(a?.hostCount).toBe(2);
    expect(groups.find((group) => group.id === fleet.groups.c)?.hostCount).toBe(1);

    const deleted = await deleteHostGroupFor(actor, fleet.groups.a);
    expect(deleted.hostCount).toBe(2);
    const stillThere = await getDb()
      .select({ id: hosts.id })
      .from(hosts)
      .where(eq(hosts.id, fleet.hosts.inA));
    expect(stillThere).toHaveLength(1);
    const memberships = await getDb()
      .select()
      .from(hostGroupMemberships)
      .where(eq(hostGroupMemberships.hostId, fleet.hosts.inAC));
    expect(memberships.map((m) => m.hostGroupId)).toEqual([fleet.groups.c]);
  });

  it("a scoped manager sees and edits only its groups and may not create one", async () => {
    const fleet = await createFleet();
    const { actor } = await userWithScope(await scopedRole([fleet.groups.a]));
    const visible = await listHostGroupsFor(actor);
    expect(visible.map((group) => group.id)).toEqual([fleet.groups.a]);
    await expect(getHostGroupFor(actor, fleet.groups.b)).rejects.toThrow(NotFoundError);
    await expect(
      updateHostGroupFor(actor, fleet.groups.b, { name: tag(), color: "#000000" }),
    ).rejects.toThrow(NotFoundError);
    await expect(deleteHostGroupFor(actor, fleet.groups.b)).rejects.toThrow(NotFoundError);
    await expect(createHostGroupFor(actor, { name: tag(), color: "#000000" })).rejects.toThrow(
      PermissionError,
    );
    const edited = await updateHostGroupFor(actor, fleet.groups.a, {
      name: `${fleet.tag}-a2`,
      color: "#000000",
    });
    expect(edited.hostCount).toBe(2);
  });

  it("refuses to delete a group that limits a role or a user, which would widen their access", async () => {
    const { actor } = await signedInUser("admin");
    const group = await createHostGroupFor(actor, { name: tag(), color: "#10b981" });
    await scopedRole([group.id]);
    await expect(deleteHostGroupFor(actor, group.id)).rejects.toThrow(ServiceError);
    expect(await getHostGroupFor(actor, group.id)).toMatchObject({ id: group.id });

    const other = await createHostGroupFor(actor, { name: tag(), color: "#10b981" });
    await userWithScope("user", [other.id]);
    await expect(deleteHostGroupFor(actor, other.id)).rejects.toThrow(
      /Remove it from their host-group scope/,
    );
  });

  it("a read-only user may list groups but not change them; a malformed id is not found", async () => {
    const fleet = await createFleet();
    const { actor } = await signedInUser("readonly");
    expect((await listHostGroupsFor(actor)).some((group) => group.id === fleet.groups.a)).toBe(true);
    await expect(createHostGroupFor(actor, { name: tag(), color: "#000000" })).rejects.toThrow(
      PermissionError,
    );
    await expect(
      updateHostGroupFor(actor, fleet.groups.a, { name: tag(), color: "#000000" }),
    ).rejects.toThrow(PermissionError);
    await expect(deleteHostGroupFor(actor, fleet.groups.a)).rejects.toThrow(PermissionError);
    const { actor: admin } = await signedInUser("admin");
    await expect(getHostGroupFor(admin, "not-a-uuid")).rejects.toThrow(NotFoundError);
  });
});
