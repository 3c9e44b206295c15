// The functions the Alerts page will call: filtered, paginated lists and operator actions.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { hostGroupMemberships, hostGroups } from "@/db/schema";
import { raiseAlerts } from "@/lib/alerts/raise";
import {
  acknowledgeAlerts,
  assignAlert,
  commentOnAlert,
  countOpenAlerts,
  getAlert,
  listAlerts,
  resolveAlerts,
} from "@/lib/alerts/service";
import { getAlertSettings, updateAlertSettings } from "@/lib/alerts/settings";
import { addContactedHost } from "../support/alerts";
import { useMigratedDatabase } from "../support/database";
import { seedUser } from "../support/fixtures";

describe("alert service", () => {
  useMigratedDatabase({ REDIS_URL: undefined });

  async function seed() {
    const [a, b] = await Promise.all([addContactedHost(), addContactedHost()]);
    const [group] = await getDb()
      .insert(hostGroups)
      .values({ name: `g-${randomUUID()}` })
      .returning();
    await getDb()
      .insert(hostGroupMemberships)
      .values({ hostId: (a as { id: string }).id, hostGroupId: group?.id as string });
    const settings = await getAlertSettings();
    const drafts = (host: { id: string }, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        hostId: host.id,
        title: `t${i}`,
        message: "m",
        dedupKey: `svc:${host.id}:${i}:${randomUUID()}`,
      }));
    const offline = await raiseAlerts("report_failed", drafts(a as { id: string }, 3), settings, {
      once: false,
    });
    const other = await raiseAlerts("agent_outdated", drafts(b as { id: string }, 2), settings, {
      once: true,
    });
    return { a: a as { id: string }, b: b as { id: string }, groupId: group?.id as string, offline, other };
  }

  it("lists with filters by type, severity, status, host and group, paginated with a total", async () => {
    const { a, b, groupId } = await seed();
    const byHost = await listAlerts({ hostId: a.id, pageSize: 2 });
    expect(byHost.total).toBe(3);
    expect(byHost.rows).toHaveLength(2);
    expect((await listAlerts({ hostId: a.id, pageSize: 2, page: 2 })).rows).toHaveLength(1);
    expect((await listAlerts({ hostGroupId: groupId })).total).toBe(3);
    const typed = await listAlerts({ hostId: b.id, type: "agent_outdated", severity: "informational" });
    expect(typed.total).toBe(2);
    expect(typed.rows[0]?.hostName).toMatch(/^host-/);
    expect((await listAlerts({ hostId: b.id, severity: "critical" })).total).toBe(0);
    await expect(listAlerts({ type: "nonsense" as never })).rejects.toThrow();
  });

  it("acknowledges and resolves in bulk with who and when, assigns and comments", async () => {
    const { offline } = await seed();
    const user = await seedUser();
    const ids = offline.map((alert) => alert.id);
    const before = await countOpenAlerts();

    expect((await acknowledgeAlerts(ids.slice(0, 2), user)).sort()).toEqual(ids.slice(0, 2).sort());
    // Only open alerts are acknowledged.
    expect(await acknowledgeAlerts(ids.slice(0, 2), user)).toEqual([]);
    const acked = await getAlert(ids[0] as string);
    expect(acked).toMatchObject({ status: "acknowledged", acknowledgedByUserId: user });
    expect(acked?.acknowledgedAt).toBeInstanceOf(Date);

    expect((await resolveAlerts(ids, user)).sort()).toEqual([...ids].sort());
    expect(await countOpenAlerts()).toBe(before - 3);
    expect(await getAlert(ids[2] as string)).toMatchObject({ status: "resolved", resolvedByUserId: user });
    expect((await listAlerts({ status: "resolved", hostId: offline[0]?.hostId as string })).total).toBe(3);

    expect(await assignAlert(ids[0] as string, user, null)).toBe(true);
    expect(
      (await listAlerts({ hostId: offline[0]?.hostId as string })).rows.find((r) => r.id === ids[0])
        ?.assigneeUsername,
    ).toMatch(/^fixture-/);
    expect(await assignAlert(ids[0] as string, null, user)).toBe(true);
    await commentOnAlert(ids[0] as string, "  looking into it  ", user);
    const detail = await getAlert(ids[0] as string);
    expect(detail?.assignedToUserId).toBeNull();
    expect(detail?.comments.map((c) => [c.body, c.userId])).toEqual([["looking into it", user]]);
    await expect(commentOnAlert(ids[0] as string, "   ", user)).rejects.toThrow();
  });

  it("honours per-type settings: a disabled type raises nothing, severity comes from settings", async () => {
    const host = await addContactedHost();
    await updateAlertSettings({ type: "report_failed", enabled: false, severity: "critical" }, null);
    let settings = await getAlertSettings();
    const draft = { hostId: host.id, title: "x", message: "y", dedupKey: `s:${host.id}` };
    expect(await raiseAlerts("report_failed", [draft], settings, { once: false })).toEqual([]);
    await updateAlertSettings(
      { type: "report_failed", enabled: true, severity: "critical", thresholds: {} },
      null,
    );
    settings = await getAlertSettings();
    expect(settings.reboot_required.thresholds.days).toBe(3);
    const [raised] = await raiseAlerts("report_failed", [draft], settings, { once: false });
    expect(raised?.severity).toBe("critical");
    // Open alerts are unique per condition.
    expect(await raiseAlerts("report_failed", [draft], settings, { once: false })).toEqual([]);
  });
});
