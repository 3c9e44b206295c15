// The Alerts page's permission layer: every built-in role allowed exactly what its flags say (the
// table is written out, not read from the seed), and a host-group-scoped user who cannot tell that
// an alert outside its scope exists.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import {
  acknowledgeAlertsFor,
  assignAlertFor,
  commentOnAlertFor,
  countOpenAlertsFor,
  getAlertFor,
  getAlertSettingsFor,
  listAlertsFor,
  resolveAlertsFor,
  updateAlertSettingsFor,
} from "@/lib/alerts/access";
import { raiseAlerts } from "@/lib/alerts/raise";
import { getAlertSettings } from "@/lib/alerts/settings";
import type { AlertKind } from "@/lib/alerts/types";
import { NotFoundError, PermissionError } from "@/lib/errors";
import { BUILTIN_ROLES, signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { createFleet, type Fleet, scopedRole, userWithScope } from "./host-scope-support";

type Can = { view: boolean; manage: boolean; settings: boolean };
const EXPECTED: Record<(typeof BUILTIN_ROLES)[number], Can> = {
  superadmin: { view: true, manage: true, settings: true },
  admin: { view: true, manage: true, settings: true },
  host_manager: { view: true, manage: true, settings: false },
  user: { view: true, manage: false, settings: false },
  readonly: { view: true, manage: false, settings: false },
};

async function outcome(work: () => Promise<unknown>): Promise<"allow" | "deny"> {
  try {
    await work();
    return "allow";
  } catch (error) {
    if (error instanceof PermissionError) return "deny";
    throw error;
  }
}

async function raise(kind: AlertKind, hostId: string | null): Promise<string> {
  const [alert] = await raiseAlerts(
    kind,
    [{ hostId, title: `${kind} test`, message: "m", dedupKey: `access:${randomUUID()}` }],
    await getAlertSettings(),
    { once: false },
  );
  if (!alert) throw new Error("alert not raised");
  return alert.id;
}

describe("alerts access", () => {
  useMigratedDatabase({ REDIS_URL: undefined, REDIS_HOST: undefined });
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await createFleet();
  });

  describe.each(BUILTIN_ROLES)("role %s", (roleName) => {
    const can = EXPECTED[roleName];
    let user: TestUser;
    beforeAll(async () => {
      user = await signedInUser(roleName);
    });

    it("views alerts only with can_view_hosts", async () => {
      const id = await raise("report_failed", fleet.hosts.inA);
      expect(await outcome(() => listAlertsFor(user.actor, { hostId: fleet.hosts.inA }))).toBe(
        can.view ? "allow" : "deny",
      );
      expect(await outcome(() => getAlertFor(user.actor, id))).toBe(can.view ? "allow" : "deny");
      expect(await outcome(() => countOpenAlertsFor(user.actor))).toBe(can.view ? "allow" : "deny");
    });

    it("acknowledges, resolves, assigns and comments only with can_manage_hosts", async () => {
      const id = await raise("report_failed", fleet.hosts.inA);
      const expected = can.manage ? "allow" : "deny";
      expect(await outcome(() => acknowledgeAlertsFor(user.actor, [id]))).toBe(expected);
      expect(await outcome(() => assignAlertFor(user.actor, id, user.userId))).toBe(expected);
      expect(await outcome(() => commentOnAlertFor(user.actor, id, "looking"))).toBe(expected);
      expect(await outcome(() => resolveAlertsFor(user.actor, [id]))).toBe(expected);
      const alert = await getAlertFor((await signedInUser("superadmin")).actor, id);
      expect(alert.status).toBe(can.manage ? "resolved" : "open");
      expect(alert.comments).toHaveLength(can.manage ? 1 : 0);
      if (can.manage) {
        expect(alert).toMatchObject({ resolvedByUserId: user.userId, assignedToUserId: user.userId });
        const rows = await getDb()
          .select({ action: auditLog.action })
          .from(auditLog)
          .where(and(eq(auditLog.targetId, id), eq(auditLog.actorUserId, user.userId)));
        expect(rows.map((row) => row.action).sort()).toEqual([
          "alert.acknowledged",
          "alert.assigned",
          "alert.resolved",
        ]);
      }
    });

    it("reads and changes alert settings only with can_manage_settings", async () => {
      const expected = can.settings ? "allow" : "deny";
      expect(await outcome(() => getAlertSettingsFor(user.actor))).toBe(expected);
      expect(
        await outcome(() =>
          // The defaults: the run's database is shared with the other alert tests.
          updateAlertSettingsFor(user.actor, {
            type: "reboot_required",
            enabled: true,
            severity: "warning",
            thresholds: { days: 3 },
          }),
        ),
      ).toBe(expected);
    });

    it("sees alerts without a host (enrolment tokens) only with can_manage_settings", async () => {
      const id = await raise("enrolment_token_expiring", null);
      if (can.settings) {
        expect((await getAlertFor(user.actor, id)).id).toBe(id);
        const list = await listAlertsFor(user.actor, { type: "enrolment_token_expiring" });
        expect(list.rows.map((row) => row.id)).toContain(id);
      } else {
        await expect(getAlertFor(user.actor, id)).rejects.toBeInstanceOf(NotFoundError);
        const list = await listAlertsFor(user.actor, { type: "enrolment_token_expiring" });
        expect(list.rows.map((row) => row.id)).not.toContain(id);
      }
    });
  });

  describe("host-group scope", () => {
    it("hides an out-of-scope host's alert from list, count and id, and refuses to act on it", async () => {
      const scoped = await userWithScope(await scopedRole([fleet.groups.a]));
      const before = await countOpenAlertsFor(scoped.actor);
      const inside = await raise("agent_outdated", fleet.hosts.inA);
      const outside = await raise("agent_outdated", fleet.hosts.inB);
      const ungrouped = await raise("agent_outdated", fleet.hosts.ungrouped);

      const ids = (await listAlertsFor(scoped.actor, { type: "agent_outdated", pageSize: 200 })).rows.map(
        (row) => row.id,
      );
      expect(ids).toContain(inside);
      expect(ids).not.toContain(outside);
      expect(ids).not.toContain(ungrouped);
      // A filter naming the hidden host finds nothing rather than an error.
      expect((await listAlertsFor(scoped.actor, { hostId: fleet.hosts.inB })).total).toBe(0);
      expect(await countOpenAlertsFor(scoped.actor)).toBe(before + 1);

      await expect(getAlertFor(scoped.actor, outside)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getAlertFor(scoped.actor, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
      await expect(acknowledgeAlertsFor(scoped.actor, [inside, outside])).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(resolveAlertsFor(scoped.actor, [outside])).rejects.toBeInstanceOf(NotFoundError);
      await expect(commentOnAlertFor(scoped.actor, outside, "x")).rejects.toBeInstanceOf(NotFoundError);
      await expect(assignAlertFor(scoped.actor, outside, null)).rejects.toBeInstanceOf(NotFoundError);
      // Nothing changed, not even the visible alert named beside the hidden one.
      const admin = (await signedInUser("admin")).actor;
      expect((await getAlertFor(admin, inside)).status).toBe("open");
      expect((await getAlertFor(admin, outside)).status).toBe("open");

      expect(await acknowledgeAlertsFor(scoped.actor, [inside])).toEqual([inside]);
      expect(await countOpenAlertsFor(scoped.actor)).toBe(before + 1);
      await resolveAlertsFor(scoped.actor, [inside]);
      expect(await countOpenAlertsFor(scoped.actor)).toBe(before);
    });

    it("counts the whole fleet for an unscoped user", async () => {
      const admin = (await signedInUser("admin")).actor;
      const before = await countOpenAlertsFor(admin);
      await raise("agent_outdated", fleet.hosts.inB);
      await raise("enrolment_token_expiring", null);
      expect(await countOpenAlertsFor(admin)).toBe(before + 2);
    });

    it("assigns only to an existing active user", async () => {
      const admin = await signedInUser("admin");
      const id = await raise("report_failed", fleet.hosts.inA);
      await expect(assignAlertFor(admin.actor, id, randomUUID())).rejects.toThrow("Choose an active user.");
      await assignAlertFor(admin.actor, id, null);
      expect((await getAlertFor(admin.actor, id)).assignedToUserId).toBeNull();
    });
  });
});
