// The alert flow with no Redis: the jobs run in this process (zero-config mode).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listJobRuns } from "@/db/queries/job-runs";
import { ingestReport } from "@/lib/agent/ingest";
import { closeQueueDriver, enqueue } from "@/lib/queue";
import { alertEvaluationJob, hostStatusMonitorJob } from "@/lib/queue/definitions";
import { startJobsInWebProcessIfNeeded } from "@/workers/in-process";
import { addContactedHost, alertsOf, hostStatus, setLastContact } from "../support/alerts";
import { useMigratedDatabase } from "../support/database";
import { waitFor } from "../support/processes";
import { pkg, report } from "./ingestion-support";

async function succeededRuns(job: string): Promise<number> {
  return (await listJobRuns(job, 1000)).filter((run) => run.status === "succeeded").length;
}

/** Runs `action`, then waits until `job` has succeeded once more than before. */
async function afterRun(job: string, action: () => Promise<unknown>): Promise<void> {
  const before = await succeededRuns(job);
  await action();
  await waitFor(async () => (await succeededRuns(job)) > before, 30_000, 50);
}

/** Waits until no evaluation is queued or running: the count of finished runs stays put for 300 ms. */
async function evaluationsSettled(): Promise<void> {
  let last = -1;
  await waitFor(
    async () => {
      const runs = await listJobRuns(alertEvaluationJob.name, 1000);
      const finished = runs.filter((run) => run.status !== "running").length;
      const still = finished === last && runs.every((run) => run.status !== "running");
      last = finished;
      return still;
    },
    30_000,
    300,
  );
}

const monitor = () => afterRun(hostStatusMonitorJob.name, () => enqueue(hostStatusMonitorJob.name, {}));

describe("alerts without Redis", () => {
  useMigratedDatabase({ REDIS_URL: undefined, REDIS_HOST: undefined });
  beforeAll(() => {
    expect(startJobsInWebProcessIfNeeded()).toBe(true);
  });
  afterAll(closeQueueDriver);

  it("marks a silent host stale then offline with one alert, resolved when it reports again", async () => {
    // Default update interval: 60 minutes.
    const host = await addContactedHost(0);
    await monitor();
    expect(await hostStatus(host.id)).toBe("active");

    await setLastContact(host.id, 130);
    await monitor();
    expect(await hostStatus(host.id)).toBe("stale");
    expect(await alertsOf(host.id)).toHaveLength(0);

    await setLastContact(host.id, 200);
    await monitor();
    await monitor();
    expect(await hostStatus(host.id)).toBe("offline");
    const offline = await alertsOf(host.id, "host_offline");
    expect(offline).toHaveLength(1);
    expect(offline[0]).toMatchObject({
      status: "open",
      severity: "error",
      title: `${host.friendlyName} is offline`,
    });

    await afterRun(alertEvaluationJob.name, () =>
      ingestReport({ hostId: host.id, report: report([pkg("bash")]), payloadBytes: 100 }),
    );
    expect(await hostStatus(host.id)).toBe("active");
    const [resolved] = await alertsOf(host.id, "host_offline");
    expect(resolved?.status).toBe("resolved");
    expect(resolved?.resolvedAt).toBeInstanceOf(Date);
    expect(resolved?.resolvedByUserId).toBeNull();
    const back = await alertsOf(host.id, "host_back_online");
    expect(back).toHaveLength(1);
    expect(back[0]?.severity).toBe("informational");

    // Nothing changes on a second pass.
    await monitor();
    expect(await alertsOf(host.id, "host_offline")).toHaveLength(1);
    expect(await alertsOf(host.id, "host_back_online")).toHaveLength(1);
  });

  it("raises one alert when security updates are added, none on a repeat of the same report", async () => {
    const host = await addContactedHost(0);
    const ingest = (list: unknown[]) =>
      afterRun(alertEvaluationJob.name, () =>
        ingestReport({ hostId: host.id, report: report(list), payloadBytes: 100 }),
      );
    const plain = pkg("bash");
    const ssl = pkg("openssl", { availableVersion: "3.0.2", isSecurityUpdate: true });
    const curl = pkg("curl", { availableVersion: "8.1", isSecurityUpdate: true });
    const vim = pkg("vim", { availableVersion: "9.1", isSecurityUpdate: false });

    await ingest([plain, vim]);
    expect(await alertsOf(host.id, "new_security_updates")).toHaveLength(0);

    await ingest([plain, vim, ssl]);
    let found = await alertsOf(host.id, "new_security_updates");
    expect(found).toHaveLength(1);
    expect(found[0]?.metadata).toMatchObject({ updates: [{ name: "openssl", availableVersion: "3.0.2" }] });

    // The same report again: nothing an alert depends on changed, so no evaluation is queued.
    const again = await ingestReport({
      hostId: host.id,
      report: report([plain, vim, ssl]),
      payloadBytes: 100,
    });
    expect(again).toMatchObject({ outcome: "accepted", evaluateAlerts: false });
    expect(await alertsOf(host.id, "new_security_updates")).toHaveLength(1);
    // An hour later the same state is evaluated again (the hourly re-check): still one alert.
    await getDb().execute(
      sql`update alert_host_states set updated_at = now() - interval '61 minutes' where host_id = ${host.id}`,
    );
    await ingest([plain, vim, ssl]);
    expect(await alertsOf(host.id, "new_security_updates")).toHaveLength(1);

    // Same count, different set: openssl applied, curl appeared.
    await ingest([plain, pkg("openssl", { currentVersion: "3.0.2" }), curl]);
    found = await alertsOf(host.id, "new_security_updates");
    expect(found).toHaveLength(2);
    expect(found[0]?.status).toBe("resolved");
    expect(found[1]).toMatchObject({ status: "open", metadata: { updates: [{ name: "curl" }] } });

    await ingest([plain]);
    expect((await alertsOf(host.id, "new_security_updates")).every((a) => a.status === "resolved")).toBe(
      true,
    );
  });

  it("queues an evaluation only when a report changes what alerts depend on, or an hour has passed", async () => {
    const host = await addContactedHost(0);
    const list = [pkg("bash"), pkg("vim", { availableVersion: "9.1", isSecurityUpdate: false })];
    const send = async (extra: Record<string, unknown> = {}, items: unknown[] = list) => {
      const result = await ingestReport({ hostId: host.id, report: report(items, extra), payloadBytes: 1 });
      return result.outcome === "accepted" ? result.evaluateAlerts : undefined;
    };
    expect(await send()).toBe(true); // never evaluated before
    await evaluationsSettled();
    expect(await send()).toBe(false);
    expect(await send({}, [...list, pkg("curl")])).toBe(false); // a new package, no security update
    expect(await send({}, [pkg("bash")])).toBe(false); // a plain update applied
    expect(await send({ needsReboot: true })).toBe(true);
    expect(await send({ needsReboot: true })).toBe(false);
    expect(await send({ needsReboot: true, agentVersion: "9.9.9" })).toBe(true);
    expect(
      await send({ needsReboot: true, agentVersion: "9.9.9" }, [
        ...list,
        pkg("openssl", { availableVersion: "3", isSecurityUpdate: true }),
      ]),
    ).toBe(true);
    expect(await send({ needsReboot: true, agentVersion: "9.9.9", collectionError: "lock held" })).toBe(true);
    expect(await send({ needsReboot: true, agentVersion: "9.9.9" })).toBe(true); // first good one after a failure
    await evaluationsSettled();
  });

  it("evaluates a host again an hour after its last evaluation, even when nothing changed", async () => {
    const host = await addContactedHost(0);
    const send = async () => {
      const result = await ingestReport({ hostId: host.id, report: report([pkg("bash")]), payloadBytes: 1 });
      return result.outcome === "accepted" ? result.evaluateAlerts : undefined;
    };
    expect(await send()).toBe(true);
    await evaluationsSettled();
    expect(await send()).toBe(false);
    await getDb().execute(
      sql`update alert_host_states set updated_at = now() - interval '61 minutes' where host_id = ${host.id}`,
    );
    expect(await send()).toBe(true);
    await evaluationsSettled();
  });

  it("raises report_failed for a failed report and resolves it on the next good one", async () => {
    const host = await addContactedHost(0);
    await afterRun(alertEvaluationJob.name, () =>
      ingestReport({
        hostId: host.id,
        report: report([], { collectionError: "apt-get: lock held" }),
        payloadBytes: 50,
      }),
    );
    const [failed] = await alertsOf(host.id, "report_failed");
    expect(failed).toMatchObject({ status: "open", message: "apt-get: lock held" });
    await afterRun(alertEvaluationJob.name, () =>
      ingestReport({ hostId: host.id, report: report([pkg("bash")]), payloadBytes: 50 }),
    );
    expect((await alertsOf(host.id, "report_failed"))[0]?.status).toBe("resolved");
  });
});
