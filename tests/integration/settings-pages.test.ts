// The Settings services for every built-in role, the interval rules and the fan-out of "interval
// changed" to the fleet, enrolment tokens (secret once, hash only) and branding uploads.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as brandingRoute } from "@/app/api/branding/[kind]/route";
import { GET as scriptRoute } from "@/app/api/v1/auto-enrollment/script/route";
import { POST as ping } from "@/app/api/v1/hosts/ping/route";
import { getDb, observeQueries } from "@/db/client";
import { getSettings, updateSettings } from "@/db/queries/settings";
import { agentCommands, auditLog, enrolmentTokens, hosts, type Settings } from "@/db/schema";
import { hashSecret } from "@/lib/agent/credentials";
import { PermissionError, ServiceError } from "@/lib/errors";
import { getBrandingFor, resetBrandingFor, uploadBrandingFor } from "@/lib/settings/branding";
import {
  createEnrolmentTokenFor,
  deleteEnrolmentTokenFor,
  listEnrolmentGroupChoicesFor,
  listEnrolmentTokensFor,
  setEnrolmentTokenEnabledFor,
} from "@/lib/settings/enrolment";
import { getSettingsFor, updateAgentSettings, updateServerSettings } from "@/lib/settings/service";
import { BUILTIN_ROLES, signedInUser, type TestUser } from "../support/actors";
import { agentRequest, call, createTestHost, keyHeaders } from "../support/agent";
import { useMigratedDatabase } from "../support/database";

describe("settings pages", () => {
  useMigratedDatabase({
    AGENT_RATE_LIMIT_MAX: "100000",
    REDIS_URL: undefined,
    PATCHMON_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), "pm-settings-")), "data"),
  });

  const MANAGES: Record<(typeof BUILTIN_ROLES)[number], boolean> = {
    superadmin: true,
    admin: true,
    host_manager: false,
    user: false,
    readonly: false,
  };

  const PNG = Buffer.from(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
      "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
    "hex",
  );

  let users: Record<string, TestUser>;
  let admin: TestUser;
  let saved: Settings;

  beforeAll(async () => {
    saved = await getSettings();
    users = Object.fromEntries(await Promise.all(BUILTIN_ROLES.map(async (r) => [r, await signedInUser(r)])));
    admin = users.admin as TestUser;
  });

  afterAll(async () => {
    const { serverProtocol, serverHost, serverPort, updateInterval, autoUpdate, ignoreSslSelfSigned } = saved;
    await updateSettings({
      serverProtocol,
      serverHost,
      serverPort,
      updateInterval,
      autoUpdate,
      ignoreSslSelfSigned,
    });
  });

  async function outcome(work: () => Promise<unknown>): Promise<"allow" | "deny"> {
    try {
      await work();
      return "allow";
    } catch (error) {
      if (error instanceof PermissionError) return "deny";
      throw error;
    }
  }

  async function rejection(work: () => Promise<unknown>): Promise<unknown> {
    try {
      await work();
    } catch (error) {
      return error;
    }
    throw new Error("expected a rejection");
  }

  /** The fields a rejection names: zod issues from parsing, or a ServiceError's field errors. */
  async function rejectedFields(work: () => Promise<unknown>): Promise<string[]> {
    const error = await rejection(work);
    if (error instanceof z.ZodError)
      return [...new Set(error.issues.map((issue) => String(issue.path[0])))].sort();
    if (error instanceof ServiceError) return Object.keys(error.fieldErrors ?? {}).sort();
    throw error;
  }

  const file = (bytes: Uint8Array, name: string, type: string) =>
    new File([new Uint8Array(bytes)], name, { type });

  describe("settings permission matrix", () => {
    it.each(BUILTIN_ROLES)("%s", async (role) => {
      const { actor } = users[role] as TestUser;
      const current = await getSettings();
      const calls: Record<string, () => Promise<unknown>> = {
        getSettings: () => getSettingsFor(actor),
        updateServer: () =>
          updateServerSettings(actor, {
            serverProtocol: current.serverProtocol,
            serverHost: current.serverHost,
            serverPort: current.serverPort,
          }),
        updateAgents: () =>
          updateAgentSettings(actor, {
            updateInterval: current.updateInterval,
            autoUpdate: current.autoUpdate,
            ignoreSslSelfSigned: current.ignoreSslSelfSigned,
          }),
        listTokens: () => listEnrolmentTokensFor(actor),
        groupChoices: () => listEnrolmentGroupChoicesFor(actor),
        createToken: async () => {
          const { token } = await createEnrolmentTokenFor(actor, {
            name: `matrix ${role}`,
            maxHostsPerDay: 5,
          });
          await setEnrolmentTokenEnabledFor(admin.actor, token.id, false);
          await deleteEnrolmentTokenFor(admin.actor, token.id);
        },
        disableToken: async () => {
          const { token } = await createEnrolmentTokenFor(admin.actor, {
            name: "to disable",
            maxHostsPerDay: 5,
          });
          try {
            await setEnrolmentTokenEnabledFor(actor, token.id, false);
          } finally {
            await deleteEnrolmentTokenFor(admin.actor, token.id);
          }
        },
        deleteToken: async () => {
          const { token } = await createEnrolmentTokenFor(admin.actor, {
            name: "to delete",
            maxHostsPerDay: 5,
          });
          try {
            await deleteEnrolmentTokenFor(actor, token.id);
          } catch (error) {
            await deleteEnrolmentTokenFor(admin.actor, token.id);
            throw error;
          }
        },
        getBranding: () => getBrandingFor(actor),
        uploadBranding: () => uploadBrandingFor(actor, "favicon", file(PNG, "f.png", "image/png")),
        resetBranding: () => resetBrandingFor(actor, "favicon"),
      };
      const expected = MANAGES[role] ? "allow" : "deny";
      for (const [name, call] of Object.entries(calls)) {
        expect({ name, result: await outcome(call) }).toEqual({ name, result: expected });
      }
    });
  });

  describe("agent settings", () => {
    it("accepts only the listed intervals", async () => {
      for (const bad of [7, 0, 61, 1441, 90]) {
        const fields = await rejectedFields(() =>
          updateAgentSettings(admin.actor, {
            updateInterval: bad,
            autoUpdate: false,
            ignoreSslSelfSigned: false,
          }),
        );
        expect(fields).toEqual(["updateInterval"]);
      }
      for (const good of [45, 60, 1440]) {
        const result = await updateAgentSettings(admin.actor, { updateInterval: good, autoUpdate: "on" });
        expect(result.updateInterval).toBe(good);
        expect(result.autoUpdate).toBe(true);
        expect(result.ignoreSslSelfSigned).toBe(false);
      }
    });

    it("queues one interval_changed command per host in one statement", async () => {
      const tag = randomBytes(4).toString("hex");
      const created = await getDb()
        .insert(hosts)
        .values(
          [1, 2, 3].map((n) => ({
            apiId: `patchmon_${tag}${n}`,
            apiKeyHash: randomBytes(32).toString("hex"),
            friendlyName: `int-${tag}-${n}`,
          })),
        )
        .returning({ id: hosts.id });
      const ids = created.map((h) => h.id);
      await updateAgentSettings(admin.actor, { updateInterval: 15 });
      const statements: string[] = [];
      const stop = observeQueries((query) => {
        if (/insert into "agent_commands"/i.test(query)) statements.push(query);
      });
      let result: Awaited<ReturnType<typeof updateAgentSettings>>;
      try {
        result = await updateAgentSettings(admin.actor, { updateInterval: 30 });
        // Twice: a command already queued is updated, never duplicated.
        await updateAgentSettings(admin.actor, { updateInterval: 120 });
      } finally {
        stop();
      }
      expect(statements).toHaveLength(2);
      expect(result.hostsNotified).toBeGreaterThanOrEqual(3);
      const queued = await getDb()
        .select({ hostId: agentCommands.hostId, payload: agentCommands.payload })
        .from(agentCommands)
        .where(
          and(
            inArray(agentCommands.hostId, ids),
            eq(agentCommands.type, "interval_changed"),
            eq(agentCommands.status, "queued"),
          ),
        );
      expect(queued.map((c) => c.hostId).sort()).toEqual([...ids].sort());
      expect(queued.every((c) => c.payload?.updateInterval === 120)).toBe(true);
      // The agent learns it at its next ping, once.
      const agent = await createTestHost(`ping-${tag}`);
      await updateAgentSettings(admin.actor, { updateInterval: 180 });
      const first = await call(
        ping,
        agentRequest("/hosts/ping", { method: "POST", headers: keyHeaders(agent) }),
      );
      expect(first.status).toBe(200);
      expect(first.body.commands).toEqual([{ type: "interval_changed", updateInterval: 180 }]);
      expect(first.body.crontabUpdate.message).toContain("180 minutes");
      const second = await call(
        ping,
        agentRequest("/hosts/ping", { method: "POST", headers: keyHeaders(agent) }),
      );
      expect(second.body.commands).toBeUndefined();
      ids.push(agent.hostId);
      // Same interval again: nothing to tell the agents.
      expect((await updateAgentSettings(admin.actor, { updateInterval: 180 })).hostsNotified).toBe(0);
      await getDb().delete(hosts).where(inArray(hosts.id, ids));
    });

    it("validates the server URL and audits the change", async () => {
      const fields = await rejectedFields(() =>
        updateServerSettings(admin.actor, { serverProtocol: "ftp", serverHost: "a b", serverPort: 70000 }),
      );
      expect(fields).toEqual(["serverHost", "serverPort", "serverProtocol"]);
      expect(
        await rejectedFields(() =>
          updateServerSettings(admin.actor, { serverProtocol: "http", serverHost: "x;rm", serverPort: 0 }),
        ),
      ).toEqual(["serverHost", "serverPort"]);
      const ok = await updateServerSettings(admin.actor, {
        serverProtocol: "https",
        serverHost: "patch.example.com",
        serverPort: "8443",
      });
      expect(ok.serverUrl).toBe("https://patch.example.com:8443");
      const v6 = await updateServerSettings(admin.actor, {
        serverProtocol: "https",
        serverHost: "2001:db8::1",
        serverPort: 443,
      });
      expect(v6.serverUrl).toBe("https://[2001:db8::1]");
      const [entry] = await getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "settings.updated"), eq(auditLog.actorUserId, admin.userId)))
        .orderBy(auditLog.createdAt)
        .limit(1);
      expect(entry).toBeDefined();
    });
  });

  describe("enrolment tokens", () => {
    it("returns the secret once and stores only its hash", async () => {
      const created = await createEnrolmentTokenFor(admin.actor, {
        name: "Lab nodes",
        maxHostsPerDay: "25",
        allowedIpRanges: "10.0.0.0/8, 192.168.1.7\n2001:db8::/32",
        expiresOn: "2999-01-31",
      });
      expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
      expect(created.token).not.toHaveProperty("secretHash");
      expect(created.commands.proxmox).toContain(`AUTO_ENROLLMENT_SECRET="${created.secret}"`);
      expect(created.commands.proxmox).toContain("/api/v1/auto-enrollment/script?type=proxmox-lxc");
      expect(created.commands.direct).toContain("type=direct-host");
      const [row] = await getDb()
        .select()
        .from(enrolmentTokens)
        .where(eq(enrolmentTokens.id, created.token.id));
      expect(row?.secretHash).toBe(hashSecret(created.secret));
      expect(JSON.stringify(row)).not.toContain(created.secret);
      expect(row?.allowedIpRanges).toEqual(["10.0.0.0/8", "192.168.1.7", "2001:db8::/32"]);
      expect(row?.expiresAt?.toISOString()).toBe("2999-01-31T23:59:59.999Z");
      const listed = (await listEnrolmentTokensFor(admin.actor)).find((t) => t.id === created.token.id);
      expect(listed).toMatchObject({ name: "Lab nodes", maxHostsPerDay: 25, usedToday: 0, isActive: true });
      expect(JSON.stringify(await listEnrolmentTokensFor(admin.actor))).not.toContain(created.secret);
      expect(JSON.stringify(await listEnrolmentTokensFor(admin.actor))).not.toContain(row?.secretHash);

      expect((await setEnrolmentTokenEnabledFor(admin.actor, created.token.id, false)).isActive).toBe(false);
      expect((await setEnrolmentTokenEnabledFor(admin.actor, created.token.id, true)).isActive).toBe(true);
      await deleteEnrolmentTokenFor(admin.actor, created.token.id);
      expect((await listEnrolmentTokensFor(admin.actor)).some((t) => t.id === created.token.id)).toBe(false);
      const actions = await getDb()
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.targetId, created.token.id));
      expect(actions.map((a) => a.action).sort()).toEqual([
        "enrolment_token.created",
        "enrolment_token.deleted",
        "enrolment_token.disabled",
        "enrolment_token.updated",
      ]);
    });

    it("validates the allow-list, limits, expiry and groups", async () => {
      for (const bad of ["10.0.0.0/33", "10.0.0", "hello", "2001:db8::/129", "10.0.0.1/8/2"]) {
        expect(
          await rejectedFields(() =>
            createEnrolmentTokenFor(admin.actor, { name: "x", maxHostsPerDay: 1, allowedIpRanges: [bad] }),
          ),
        ).toEqual(["allowedIpRanges"]);
      }
      expect(
        await rejectedFields(() =>
          createEnrolmentTokenFor(admin.actor, {
            name: " ",
            maxHostsPerDay: 0,
            expiresOn: "2001-01-01",
            groupIds: "nope",
          }),
        ),
      ).toEqual(["expiresOn", "groupIds", "maxHostsPerDay", "name"]);
      expect(
        await rejectedFields(() =>
          createEnrolmentTokenFor(admin.actor, {
            name: "g",
            maxHostsPerDay: 1,
            groupIds: ["00000000-0000-4000-8000-000000000000"],
          }),
        ),
      ).toEqual(["groupIds"]);
    });

    it("serves the enrolment scripts the commands fetch", async () => {
      const proxmox = await call(
        scriptRoute,
        agentRequest("/auto-enrollment/script", { query: { type: "proxmox-lxc" } }),
      );
      expect(proxmox.status).toBe(200);
      expect(proxmox.headers.get("content-type")).toContain("text/x-shellscript");
      expect(proxmox.text).toContain("pct list");
      const direct = await call(
        scriptRoute,
        agentRequest("/auto-enrollment/script", { query: { type: "direct-host" } }),
      );
      expect(direct.text).toContain("AUTO_ENROLLMENT_SECRET");
      expect(
        (await call(scriptRoute, agentRequest("/auto-enrollment/script", { query: { type: "../x" } })))
          .status,
      ).toBe(400);
    });

    it("refuses unknown ids as not found", async () => {
      await expect(deleteEnrolmentTokenFor(admin.actor, "not-a-uuid")).rejects.toThrow("not found");
      await expect(
        setEnrolmentTokenEnabledFor(admin.actor, "00000000-0000-4000-8000-000000000000", false),
      ).rejects.toThrow("not found");
    });
  });

  describe("branding", () => {
    const get = (kind: string, headers: Record<string, string> = {}) =>
      brandingRoute(new Request(`http://localhost/api/branding/${kind}`, { headers }), {
        params: Promise.resolve({ kind }),
      });

    it("rejects text renamed .png, SVG and images over 1 MB", async () => {
      const text = file(Buffer.from("just some text, not an image\n"), "logo.png", "image/png");
      expect(await rejectedFields(() => uploadBrandingFor(admin.actor, "logo-light", text))).toEqual([
        "file",
      ]);
      const svg = file(
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        "l.svg",
        "image/svg+xml",
      );
      expect(await rejectedFields(() => uploadBrandingFor(admin.actor, "logo-light", svg))).toEqual(["file"]);
      const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
      expect(
        await rejectedFields(() =>
          uploadBrandingFor(admin.actor, "logo-light", file(big, "big.png", "image/png")),
        ),
      ).toEqual(["file"]);
      expect((await getBrandingFor(admin.actor))["logo-light"]).toBeNull();
    });

    it("stores a small PNG, serves it with nosniff, and resets to the default", async () => {
      // A wrong client-declared type does not matter: the bytes decide.
      const state = await uploadBrandingFor(admin.actor, "logo-light", file(PNG, "logo.txt", "text/plain"));
      expect(state["logo-light"]).toMatch(/^[0-9a-f]{32}\.png$/);
      const response = await get("logo-light");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toContain("max-age");
      expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
      const etag = response.headers.get("etag") ?? "";
      expect((await get("logo-light", { "if-none-match": etag })).status).toBe(304);

      // Replacing gives a new name; resetting brings back the default (404 here, the app's logo there).
      const replaced = await uploadBrandingFor(admin.actor, "logo-light", file(PNG, "logo.png", "image/png"));
      expect(replaced["logo-light"]).not.toBe(state["logo-light"]);
      expect((await resetBrandingFor(admin.actor, "logo-light"))["logo-light"]).toBeNull();
      const gone = await get("logo-light");
      expect(gone.status).toBe(404);
      expect(gone.headers.get("x-content-type-options")).toBe("nosniff");
      expect((await get("../../etc/passwd")).status).toBe(404);
    });
  });
});
