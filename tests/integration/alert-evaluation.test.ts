// One host's evaluation called directly: one read, one write, and what it writes.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { executeRows, getDb } from "@/db/client";
import { alertHostStates, alerts, hosts } from "@/db/schema";
import { ingestReport } from "@/lib/agent/ingest";
import { loadScript, SCRIPT_NAMES } from "@/lib/agent/install-script";
import { evaluateHostAlerts } from "@/lib/alerts/evaluate-host";
import { addContactedHost, alertsOf } from "../support/alerts";
import { useMigratedDatabase } from "../support/database";
import { statementsOf } from "../support/statements";
import { pkg, report } from "./ingestion-support";

describe("one host's alert evaluation", () => {
  useMigratedDatabase({ REDIS_URL: undefined, REDIS_HOST: undefined });

  it("raises in one write, returns whole alerts, and never raises a resolved set again", async () => {
    const host = await addContactedHost(0);
    const ssl = pkg("openssl", { availableVersion: "3.0.2", isSecurityUpdate: true });
    const curl = pkg("curl", { availableVersion: "8.1", isSecurityUpdate: true });
    await ingestReport({ hostId: host.id, report: report([ssl, curl]), payloadBytes: 1 });

    let counts: Record<string, unknown> = {};
    const statements = await statementsOf(async () => {
      counts = await evaluateHostAlerts(host.id);
    });
    expect(counts).toEqual({ raised: 1, resolved: 0 });
    // The read, then the write; the notifier only where an immediate rule exists (other test files
    // of the run may have created one in the shared database).
    expect(statements[0]).toMatch(/^select/);
    expect(statements[1]).toContain("jsonb_to_recordset");
    const [rules] = await executeRows<{ n: number }>(
      getDb(),
      sql`select count(*)::int as n from notification_rules where enabled and digest_minutes is null`,
    );
    if (Number(rules?.n ?? 0) === 0) expect(statements).toHaveLength(2);
    const [alert] = await alertsOf(host.id, "new_security_updates");
    expect(alert).toMatchObject({
      status: "open",
      severity: "warning",
      title: expect.stringContaining("2 new"),
    });
    expect((alert?.metadata as { keys?: string[] } | null)?.keys).toHaveLength(2);
    const [state] = await getDb().select().from(alertHostStates).where(eq(alertHostStates.hostId, host.id));
    expect(state?.securityUpdateKeys).toHaveLength(2);

    // An operator resolves it; the host forgets what it had seen; the same set comes back: the
    // alert for exactly that growth was raised once already and is not raised again.
    await getDb().update(alerts).set({ status: "resolved" }).where(eq(alerts.hostId, host.id));
    await getDb()
      .update(alertHostStates)
      .set({ securityUpdateKeys: [] })
      .where(eq(alertHostStates.hostId, host.id));
    expect(await evaluateHostAlerts(host.id)).toEqual({ raised: 0, resolved: 0 });
    expect(await alertsOf(host.id, "new_security_updates")).toHaveLength(1);
  });

  it("resolves a security alert once all its updates are gone, and honours a disabled type", async () => {
    const host = await addContactedHost(0);
    const ssl = pkg("openssl", { availableVersion: "3.0.2", isSecurityUpdate: true });
    await ingestReport({ hostId: host.id, report: report([ssl]), payloadBytes: 1 });
    await evaluateHostAlerts(host.id);
    await ingestReport({
      hostId: host.id,
      report: report([pkg("openssl", { currentVersion: "3.0.2" })]),
      payloadBytes: 1,
    });
    expect(await evaluateHostAlerts(host.id)).toEqual({ raised: 0, resolved: 1 });
    const [alert] = await alertsOf(host.id, "new_security_updates");
    expect(alert?.status).toBe("resolved");
    expect(alert?.resolvedAt).toBeInstanceOf(Date);

    await getDb().execute(
      sql`insert into alert_settings (type, enabled, severity, thresholds) values ('new_security_updates', false, 'warning', '{}')
          on conflict (type) do update set enabled = false`,
    );
    try {
      await ingestReport({
        hostId: host.id,
        report: report([
          pkg("openssl", { currentVersion: "3.0.2", availableVersion: "3.0.3", isSecurityUpdate: true }),
        ]),
        payloadBytes: 1,
      });
      expect(await evaluateHostAlerts(host.id)).toEqual({ raised: 0, resolved: 0 });
    } finally {
      await getDb().execute(
        sql`update alert_settings set enabled = true where type = 'new_security_updates'`,
      );
    }
  });

  it("raises agent_outdated once per version pair and resolves it after the upgrade", async () => {
    const latest = (await loadScript(SCRIPT_NAMES.agent))?.version;
    expect(latest).toBeTruthy();
    const host = await addContactedHost(0);
    await getDb().update(hosts).set({ agentVersion: "0.0.1" }).where(eq(hosts.id, host.id));
    expect(await evaluateHostAlerts(host.id)).toEqual({ raised: 1, resolved: 0 });
    expect(await evaluateHostAlerts(host.id)).toEqual({ raised: 0, resolved: 0 });
    const [raised] = await alertsOf(host.id, "agent_outdated");
    expect(raised?.createdAt).toBeInstanceOf(Date);
    expect(raised?.message).toContain(String(latest));

    await getDb().update(hosts).set({ agentVersion: latest }).where(eq(hosts.id, host.id));
    expect(await evaluateHostAlerts(host.id)).toEqual({ raised: 0, resolved: 1 });
    expect((await alertsOf(host.id, "agent_outdated"))[0]?.status).toBe("resolved");
  });
});
