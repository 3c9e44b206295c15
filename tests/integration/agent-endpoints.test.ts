// Every agent endpoint except the report: shapes and status codes of spec/agent-protocol.md.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as download } from "@/app/api/v1/hosts/agent/download/route";
import { GET as timestamp } from "@/app/api/v1/hosts/agent/timestamp/route";
import { GET as version } from "@/app/api/v1/hosts/agent/version/route";
import { POST as exchange } from "@/app/api/v1/hosts/bootstrap/exchange/route";
import { GET as info } from "@/app/api/v1/hosts/info/route";
import { GET as install } from "@/app/api/v1/hosts/install/route";
import { POST as integrationStatus } from "@/app/api/v1/hosts/integration-status/route";
import { GET as integrations } from "@/app/api/v1/hosts/integrations/route";
import { POST as ping } from "@/app/api/v1/hosts/ping/route";
import { GET as remove } from "@/app/api/v1/hosts/remove/route";
import { GET as hostSettings } from "@/app/api/v1/hosts/settings/route";
import { GET as autoUpdate } from "@/app/api/v1/settings/auto-update/route";
import { GET as updateInterval } from "@/app/api/v1/settings/update-interval/route";
import { getDb } from "@/db/client";
import { agentCommands, hosts, settings } from "@/db/schema";
import { queueCommand } from "@/lib/agent/commands";
import { issueBootstrapToken } from "@/lib/agent/enrolment";
import { resetRateLimiters } from "@/lib/rate-limit";
import {
  AGENT_FIXTURE,
  agentRequest,
  assertNoStoredSecretsLeaked,
  call,
  createTestHost,
  INSTALLER_FIXTURE,
  inDirectory,
  keyHeaders,
  REMOVER_FIXTURE,
  scriptFixtures,
  type TestHost,
} from "../support/agent";
import { useMigratedDatabase } from "../support/database";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function setSettings(values: Partial<typeof settings.$inferInsert>) {
  await getDb().update(settings).set(values).where(eq(settings.id, 1));
}

describe("agent endpoints", () => {
  useMigratedDatabase({ AGENT_RATE_LIMIT_MAX: "100000", REDIS_URL: undefined });
  const fixtures = scriptFixtures({
    "patchmon_install.sh": INSTALLER_FIXTURE,
    "patchmon-agent.sh": AGENT_FIXTURE,
    "patchmon_remove.sh": REMOVER_FIXTURE,
  });
  const empty = scriptFixtures({});
  let host: TestHost;

  beforeAll(async () => {
    await resetRateLimiters();
    host = await createTestHost("endpoint-host");
  });
  afterAll(async () => {
    await assertNoStoredSecretsLeaked();
    fs.rmSync(fixtures, { recursive: true, force: true });
    fs.rmSync(empty, { recursive: true, force: true });
  });

  const asAgent = (route: string, h: TestHost = host, extra: Parameters<typeof agentRequest>[1] = {}) =>
    agentRequest(route, { ...extra, headers: { ...keyHeaders(h), ...extra.headers } });

  describe("install and bootstrap exchange", () => {
    it("renders the installer with the server URL, curl flags and a one-time token, never the key", async () => {
      const answer = await inDirectory(fixtures, () => call(install, asAgent("/hosts/install")));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toMatch(/^text\/x-shellscript/);
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.text).toContain('PATCHMON_URL="http://localhost:3000"');
      expect(answer.text).toContain('CURL_FLAGS="-s"');
      expect(answer.text).toContain('FORCE_INSTALL="false"');
      expect(answer.text).toContain('ARCHITECTURE=""');
      expect(answer.text).toMatch(/BOOTSTRAP_TOKEN="[0-9a-f]{64}"/);
      expect(answer.text).not.toContain(host.apiKey);
      expect(answer.text).not.toMatch(/__[A-Z_]+__/);
    });

    it("uses the settings' URL, -sk when self-signed certificates are allowed, force and arch", async () => {
      await setSettings({
        serverProtocol: "https",
        serverHost: "patchmon.example.com",
        serverPort: 443,
        ignoreSslSelfSigned: true,
      });
      try {
        const answer = await inDirectory(fixtures, () =>
          call(install, asAgent("/hosts/install", host, { query: { force: "true", arch: "arm64" } })),
        );
        expect(answer.text).toContain('PATCHMON_URL="https://patchmon.example.com"');
        expect(answer.text).toContain('CURL_FLAGS="-sk"');
        expect(answer.text).toContain('FORCE_INSTALL="true"');
        expect(answer.text).toContain('ARCHITECTURE="arm64"');
        const hostile = await inDirectory(fixtures, () =>
          call(install, asAgent("/hosts/install", host, { query: { arch: "$(reboot)" } })),
        );
        expect(hostile.text).toContain('ARCHITECTURE=""');
      } finally {
        await setSettings({
          serverProtocol: "http",
          serverHost: "localhost",
          serverPort: 3000,
          ignoreSslSelfSigned: false,
        });
      }
    });

    it("serves the installer for a bootstrap token header, embedding that token", async () => {
      const token = await issueBootstrapToken(host.hostId);
      const answer = await inDirectory(fixtures, () =>
        call(install, agentRequest("/hosts/install", { headers: { "X-Bootstrap-Token": token } })),
      );
      expect(answer.status).toBe(200);
      expect(answer.text).toContain(`BOOTSTRAP_TOKEN="${token}"`);
      const bad = await inDirectory(fixtures, () =>
        call(install, agentRequest("/hosts/install", { headers: { "X-Bootstrap-Token": "a".repeat(64) } })),
      );
      expect(bad.status).toBe(401);
      expect((await call(install, agentRequest("/hosts/install"))).status).toBe(401);
    });

    it("answers 404 when the installer is missing", async () => {
      const answer = await inDirectory(empty, () => call(install, asAgent("/hosts/install")));
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: "Installation script not found" });
    });

    it("exchanges a token once, for a new key that replaces the old one", async () => {
      const own = await createTestHost("bootstrap-host");
      const script = await inDirectory(fixtures, () => call(install, asAgent("/hosts/install", own)));
      const token = /BOOTSTRAP_TOKEN="([0-9a-f]{64})"/.exec(script.text)?.[1] as string;
      const first = await call(exchange, agentRequest("/hosts/bootstrap/exchange", { body: { token } }));
      expect(first.status).toBe(200);
      expect(Object.keys(first.body).sort()).toEqual(["apiId", "apiKey"]);
      expect(first.body.apiId).toBe(own.apiId);
      expect(first.body.apiKey).toMatch(/^[0-9a-f]{64}$/);
      expect(first.body.apiKey).not.toBe(own.apiKey);
      const rotated = { ...own, apiKey: first.body.apiKey as string };
      expect((await call(info, asAgent("/hosts/info", rotated))).status).toBe(200);
      expect((await call(info, asAgent("/hosts/info", own))).status).toBe(401);

      const again = await call(exchange, agentRequest("/hosts/bootstrap/exchange", { body: { token } }));
      expect(again.status).toBe(401);
      expect(again.body).toEqual({ error: "Invalid or expired bootstrap token" });
      expect((await call(info, asAgent("/hosts/info", rotated))).status).toBe(200);
    });

    it("refuses expired, unknown and malformed tokens", async () => {
      const expired = await issueBootstrapToken(host.hostId, Date.now() - 6 * 60_000);
      const notJson = await call(exchange, agentRequest("/hosts/bootstrap/exchange", { body: "nonsense" }));
      expect(notJson.status).toBe(400);
      expect(notJson.body.error).toBe("Invalid request body");
      for (const body of [{ token: expired }, { token: "b".repeat(64) }, { token: 42 }, {}, undefined]) {
        const answer = await call(
          exchange,
          agentRequest("/hosts/bootstrap/exchange", { method: "POST", body: body as never }),
        );
        expect(answer.status).toBe(401);
      }
      // A token expires 5 minutes after it was issued: one issued 4 minutes ago still works.
      const fresh = await issueBootstrapToken(host.hostId, Date.now() - 4 * 60_000);
      const ok = await call(exchange, agentRequest("/hosts/bootstrap/exchange", { body: { token: fresh } }));
      expect(ok.status).toBe(200);
      host = { ...host, apiKey: ok.body.apiKey };
    });
  });

  describe("scripts and versions", () => {
    it("serves the removal script without credentials", async () => {
      const answer = await inDirectory(fixtures, () => call(remove, agentRequest("/hosts/remove")));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toMatch(/^text\/x-shellscript/);
      expect(answer.text).toBe(REMOVER_FIXTURE);
    });

    it("serves the agent, and its version with the SHA-256 of exactly what download serves", async () => {
      const served = await inDirectory(fixtures, () => call(download, asAgent("/hosts/agent/download")));
      expect(served.status).toBe(200);
      expect(served.text).toBe(AGENT_FIXTURE);
      expect(
        (await inDirectory(fixtures, () => call(download, agentRequest("/hosts/agent/download")))).status,
      ).toBe(401);

      const answer = await inDirectory(fixtures, () =>
        call(version, asAgent("/hosts/agent/version", host, { query: { currentVersion: "1.4.0" } })),
      );
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body).sort()).toEqual(
        [
          "currentVersion",
          "latestVersion",
          "hasUpdate",
          "autoUpdateDisabled",
          "autoUpdateDisabledReason",
          "downloadUrl",
          "releaseNotes",
          "minServerVersion",
          "hash",
        ].sort(),
      );
      expect(answer.body).toMatchObject({
        currentVersion: "1.4.0",
        latestVersion: "1.5.0",
        hasUpdate: true,
        downloadUrl: "http://localhost:3000/api/v1/hosts/agent/download",
        hash: sha256(served.text),
      });
      const current = await inDirectory(fixtures, () =>
        call(version, asAgent("/hosts/agent/version", host, { query: { currentVersion: "1.5.0" } })),
      );
      expect(current.body.hasUpdate).toBe(false);
      const goAgent = await inDirectory(fixtures, () =>
        call(
          version,
          asAgent("/hosts/agent/version", host, { query: { currentVersion: "1.0.0", type: "go" } }),
        ),
      );
      expect(goAgent.body).toMatchObject({ hasUpdate: false, autoUpdateDisabled: true });
    });

    it("says when auto-update is off, server-wide", async () => {
      await setSettings({ autoUpdate: false });
      const off = await inDirectory(fixtures, () => call(version, asAgent("/hosts/agent/version")));
      expect(off.body.autoUpdateDisabled).toBe(true);
      expect(off.body.autoUpdateDisabledReason).toMatch(/disabled/);
      await setSettings({ autoUpdate: true });
      const on = await inDirectory(fixtures, () => call(version, asAgent("/hosts/agent/version")));
      expect(on.body).toMatchObject({ autoUpdateDisabled: false, autoUpdateDisabledReason: null });
      await setSettings({ autoUpdate: false });
    });

    it("reports the agent script's timestamp, or that it does not exist", async () => {
      const answer = await inDirectory(fixtures, () => call(timestamp, asAgent("/hosts/agent/timestamp")));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ version: "1.5.0", exists: true });
      expect(Number.isInteger(answer.body.timestamp)).toBe(true);
      expect(Math.floor(new Date(answer.body.lastModified).getTime() / 1000)).toBe(answer.body.timestamp);
      const missing = await inDirectory(empty, () => call(timestamp, asAgent("/hosts/agent/timestamp")));
      expect(missing.body).toEqual({ version: null, lastModified: null, timestamp: null, exists: false });
    });

    it.skipIf(!fs.existsSync(path.join(process.cwd(), "agent-scripts", "patchmon-agent.sh")))(
      "hashes the repository's real agent script",
      async () => {
        const real = fs.readFileSync(path.join(process.cwd(), "agent-scripts", "patchmon-agent.sh"), "utf8");
        const answer = await call(version, asAgent("/hosts/agent/version"));
        expect(answer.body.hash).toBe(sha256(real));
        expect((await call(download, asAgent("/hosts/agent/download"))).text).toBe(real);
      },
    );
  });

  it.skipIf(!fs.existsSync(path.join(process.cwd(), "agent-scripts", "patchmon_install.sh")))(
    "fills every placeholder of the repository's real installer",
    async () => {
      const answer = await call(
        install,
        asAgent("/hosts/install", host, { query: { arch: "x86_64", os: "linux" } }),
      );
      expect(answer.status).toBe(200);
      expect(answer.text).not.toMatch(
        /__(PATCHMON_URL|CURL_FLAGS|BOOTSTRAP_TOKEN|FORCE_INSTALL|ARCHITECTURE)__/,
      );
      expect(answer.text).toContain("http://localhost:3000");
      expect(answer.text).not.toContain(host.apiKey);
    },
  );

  describe("settings", () => {
    it("answers the host and server auto-update flags", async () => {
      await setSettings({ autoUpdate: true });
      await getDb().update(hosts).set({ autoUpdate: false }).where(eq(hosts.id, host.hostId));
      const answer = await call(hostSettings, asAgent("/hosts/settings"));
      expect(answer.body).toEqual({ auto_update: true, host_auto_update: false });
      expect((await call(autoUpdate, asAgent("/settings/auto-update"))).body).toEqual({ autoUpdate: true });
      await setSettings({ autoUpdate: false });
      expect((await call(autoUpdate, asAgent("/settings/auto-update"))).body).toEqual({ autoUpdate: false });
    });

    it("answers the update interval with its cron expression", async () => {
      for (const [interval, cron] of [
        [15, "*/15 * * * *"],
        [60, "0 * * * *"],
        [360, "0 */6 * * *"],
      ] as const) {
        await setSettings({ updateInterval: interval });
        const answer = await call(updateInterval, asAgent("/settings/update-interval"));
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ updateInterval: interval, cronExpression: cron });
      }
      await setSettings({ updateInterval: 60 });
    });
  });

  describe("ping", () => {
    it("answers the documented shape and refreshes last contact", async () => {
      const own = await createTestHost("ping-host");
      await call(updateInterval, asAgent("/settings/update-interval", own));
      const before = Date.now();
      const answer = await call(ping, asAgent("/hosts/ping", own, { method: "POST" }));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        message: "Ping successful",
        timestamp: expect.any(String),
        friendlyName: "ping-host",
        agentStartup: false,
        integrations: { docker: false, compliance: false },
      });
      const [row] = await getDb().select().from(hosts).where(eq(hosts.id, own.hostId));
      expect(row?.lastContactAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
      const startup = await call(ping, asAgent("/hosts/ping", own, { body: { agentStartup: true } }));
      expect(startup.body.agentStartup).toBe(true);
    });

    it("asks for a crontab update when the interval changed, or when the agent asks", async () => {
      const own = await createTestHost("crontab-host");
      await call(updateInterval, asAgent("/settings/update-interval", own));
      expect(
        (await call(ping, asAgent("/hosts/ping", own, { method: "POST" }))).body.crontabUpdate,
      ).toBeUndefined();
      await setSettings({ updateInterval: 30 });
      try {
        const changed = await call(ping, asAgent("/hosts/ping", own, { method: "POST" }));
        expect(changed.body.crontabUpdate).toEqual({
          shouldUpdate: true,
          message: expect.any(String),
          command: "update-crontab",
        });
        // A ping does not consume the notice: it stands until the agent fetches the new interval.
        expect(
          (await call(ping, asAgent("/hosts/ping", own, { method: "POST" }))).body.crontabUpdate?.command,
        ).toBe("update-crontab");
        await call(updateInterval, asAgent("/settings/update-interval", own));
        expect(
          (await call(ping, asAgent("/hosts/ping", own, { method: "POST" }))).body.crontabUpdate,
        ).toBeUndefined();
        const asked = await call(ping, asAgent("/hosts/ping", own, { body: { triggerCrontabUpdate: true } }));
        expect(asked.body.crontabUpdate?.command).toBe("update-crontab");
      } finally {
        await setSettings({ updateInterval: 60 });
      }
    });

    it("delivers a queued command exactly once, even to overlapping pings", async () => {
      const own = await createTestHost("command-host");
      expect(await queueCommand(own.hostId, "report_now")).toBe(true);
      expect(await queueCommand(own.hostId, "report_now")).toBe(false);
      expect(await queueCommand(own.hostId, "update_agent")).toBe(true);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => call(ping, asAgent("/hosts/ping", own, { method: "POST" }))),
      );
      const delivered = answers.flatMap((a) => (a.body.commands ?? []) as { type: string }[]);
      expect(delivered.map((c) => c.type).sort()).toEqual(["report_now", "update_agent"]);
      const later = await call(ping, asAgent("/hosts/ping", own, { method: "POST" }));
      expect(later.body.commands).toBeUndefined();
      const rows = await getDb().select().from(agentCommands).where(eq(agentCommands.hostId, own.hostId));
      expect(rows.every((row) => row.status === "delivered" && row.deliveredAt !== null)).toBe(true);
      // Delivered, so the same command can be queued again.
      expect(await queueCommand(own.hostId, "report_now")).toBe(true);
    });
  });

  describe("info and integrations", () => {
    it("answers the host's info", async () => {
      const answer = await call(info, asAgent("/hosts/info"));
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body).sort()).toEqual(
        [
          "id",
          "friendly_name",
          "hostname",
          "ip",
          "os_type",
          "os_version",
          "architecture",
          "last_update",
          "status",
          "created_at",
          "api_id",
        ].sort(),
      );
      expect(answer.body).toMatchObject({ id: host.hostId, api_id: host.apiId, status: "pending" });
    });

    it("answers integrations and accepts any integration status", async () => {
      expect((await call(integrations, asAgent("/hosts/integrations"))).body).toEqual({
        success: true,
        integrations: { docker: false, compliance: false },
      });
      for (const body of [{ docker: { enabled: true } }, "not json at all", undefined]) {
        const answer = await call(
          integrationStatus,
          asAgent("/hosts/integration-status", host, { method: "POST", body }),
        );
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ success: true });
      }
    });
  });
});
