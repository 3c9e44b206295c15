// The alert flow through Redis and a real worker process: ingestion queues the evaluation, the
// worker runs it and the host status monitor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listJobRuns } from "@/db/queries/job-runs";
import { ingestReport } from "@/lib/agent/ingest";
import { closeQueueDriver, enqueue } from "@/lib/queue";
import { alertEvaluationJob, hostStatusMonitorJob } from "@/lib/queue/definitions";
import { addContactedHost, alertsOf, hostStatus, setLastContact, startWorker } from "../support/alerts";
import { useMigratedDatabase } from "../support/database";
import { waitFor } from "../support/processes";
import { testDatabaseUrl, testRedisUrl } from "../support/services";
import { pkg, report } from "./ingestion-support";

const redisUrl = testRedisUrl();

async function manualRuns(job: string): Promise<number> {
  return (await listJobRuns(job, 1000)).filter(
    (run) => run.status === "succeeded" && run.triggeredBy === "manual",
  ).length;
}

async function evaluations(): Promise<number> {
  return (await listJobRuns(alertEvaluationJob.name, 1000)).filter((run) => run.status === "succeeded")
    .length;
}

describe.skipIf(!redisUrl || !testDatabaseUrl())("alerts with Redis and a worker process", () => {
  useMigratedDatabase({ REDIS_URL: redisUrl ?? undefined });
  let worker: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    worker = await startWorker(redisUrl as string);
  }, 90_000);
  afterAll(async () => {
    await closeQueueDriver();
    expect((await worker.stop()).code).toBe(0);
  });

  const monitor = async () => {
    const before = await manualRuns(hostStatusMonitorJob.name);
    await enqueue(hostStatusMonitorJob.name, {});
    await waitFor(async () => (await manualRuns(hostStatusMonitorJob.name)) > before, 30_000, 100);
  };
  const ingest = async (hostId: string, list: unknown[]) => {
    const before = await evaluations();
    await ingestReport({ hostId, report: report(list), payloadBytes: 100 });
    await waitFor(async () => (await evaluations()) > before, 30_000, 100);
  };

  it("stale, then offline with exactly one alert, resolved when the host reports again", async () => {
    const host = await addContactedHost(0);
    await setLastContact(host.id, 125);
    await monitor();
    expect(await hostStatus(host.id)).toBe("stale");
    await setLastContact(host.id, 185);
    await monitor();
    await monitor();
    expect(await hostStatus(host.id)).toBe("offline");
    expect((await alertsOf(host.id, "host_offline")).map((a) => a.status)).toEqual(["open"]);

    await ingest(host.id, [pkg("bash")]);
    expect(await hostStatus(host.id)).toBe("active");
    expect((await alertsOf(host.id, "host_offline")).map((a) => a.status)).toEqual(["resolved"]);
    expect((await alertsOf(host.id, "host_back_online")).map((a) => a.status)).toEqual(["open"]);
  }, 90_000);

  it("one alert for added security updates, none for the same report again", async () => {
    const host = await addContactedHost(0);
    await ingest(host.id, [pkg("bash")]);
    const list = [pkg("bash"), pkg("openssl", { availableVersion: "3.0.9", isSecurityUpdate: true })];
    await ingest(host.id, list);
    expect(await alertsOf(host.id, "new_security_updates")).toHaveLength(1);
    // The same report again changes nothing an alert depends on: no evaluation is queued at all.
    const again = await ingestReport({ hostId: host.id, report: report(list), payloadBytes: 100 });
    expect(again).toMatchObject({ outcome: "accepted", evaluateAlerts: false });
    expect(await alertsOf(host.id, "new_security_updates")).toHaveLength(1);
  }, 90_000);
});
