// No answer carries a password hash, a TOTP secret (plain or encrypted), a backup-code or device
// hash, or another user's session id: every route handler under app/api/v1 (agent routes with valid
// credentials, the UI's routes with a superadmin's session) and the services that return user,
// profile, role and audit data are called and their answers scanned. Pages and what the browser
// receives with them are scanned by tests/e2e/no-secret-leaks.spec.ts.
import "../support/next-globals";
import fs from "node:fs";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_LIMITED_PATHS } from "@/lib/api/request-limits";
import { loadActor } from "@/lib/auth/actor";
import { resetRateLimiters } from "@/lib/rate-limit";
import { signedInUser, TEST_PASSWORD, type TestUser } from "../support/actors";
import { createTestHost, keyHeaders, type TestHost } from "../support/agent";
import { useMigratedDatabase } from "../support/database";
import { type PlantedSecrets, plantSecrets, SecretMarkers, serialised } from "../support/leak-scan";

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const context = { ip: "192.0.2.5", userAgent: "leak-scan" };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** "app/api/v1/hosts/[id]/route.ts" -> "/api/v1/hosts/<id>", dynamic segments filled in. */
function urlPathOf(file: string, fill: string): string {
  const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  return `/${rel
    .filter((part) => !/^\(.*\)$/.test(part))
    .map((part) => (/^\[.*\]$/.test(part) ? fill : part))
    .join("/")}`;
}

function isAgentRoute(file: string): boolean {
  const url = urlPathOf(file, ":id");
  return (
    AGENT_LIMITED_PATHS.has(url) ||
    url === "/api/v1/hosts/remove" ||
    url === "/api/v1/hosts/bootstrap/exchange"
  );
}

/** The dynamic segments of a route file, each set to `fill`. */
function paramsOf(file: string, fill: string): Record<string, string> {
  const names = path.relative(ROOT, file).match(/\[([^\]]+)\]/g) ?? [];
  return Object.fromEntries(names.map((name) => [name.slice(1, -1), fill]));
}

function totpNow(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
}

type RouteSession = {
  sessionCookie: (sessionId: string, userId: string) => Promise<string>;
  callRoute: (handler: unknown, request: Request, context: unknown) => Promise<Response>;
};

const markers = new SecretMarkers();
const scanned: string[] = [];
let admin: TestUser;
let victim: TestUser;
let victimSecrets: PlantedSecrets;
let host: TestHost;

/** Scans one answer meant for `viewer`; `label` names it in the failure and the coverage list. */
async function scan(label: string, viewer: TestUser | null, answer: unknown): Promise<void> {
  const text =
    answer instanceof Response
      ? `${[...answer.headers].join("\n")}\n${await answer.text()}`
      : serialised(answer);
  scanned.push(label);
  expect(markers.findIn(text, viewer?.userId ?? null), label).toEqual([]);
}

describe("no secrets in answers", () => {
  useMigratedDatabase({ REDIS_URL: undefined });

  beforeAll(async () => {
    await resetRateLimiters();
    admin = await signedInUser("superadmin", { password: TEST_PASSWORD });
    victim = await signedInUser("admin", { password: TEST_PASSWORD });
    markers.plant(await plantSecrets(admin.userId));
    victimSecrets = await plantSecrets(victim.userId);
    markers.plant(victimSecrets);
    host = await createTestHost("leak-scan-host");
    await markers.refresh();
    expect(markers.count()).toBeGreaterThan(30);
  });
  afterAll(() => resetRateLimiters());

  it("finds a planted secret when one is there (the scanner itself works)", async () => {
    const answer = { user: { id: victim.userId, secret: victimSecrets.totpSecret } };
    expect(markers.findIn(serialised(answer), admin.userId)).toEqual([victimSecrets.totpSecret]);
    expect(markers.findIn(victim.actor.sessionId, admin.userId)).toHaveLength(1);
    expect(markers.findIn(victim.actor.sessionId, victim.userId)).toEqual([]);
    expect(markers.findIn('{"passwordHash":null}', null)).toEqual(["passwordHash"]);
  });

  it("agent route handlers under app/api/v1, called with valid credentials and anonymously", async () => {
    const files = routeFiles(path.join(ROOT, "app/api/v1")).filter(isAgentRoute);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const method of METHODS) {
        const handler = mod[method];
        if (typeof handler !== "function") continue;
        for (const [who, headers] of [
          ["agent", keyHeaders(host)],
          ["anonymous", {}],
        ] as const) {
          const url = `http://localhost:3000${urlPathOf(file, victim.userId)}`;
          const body = method === "GET" || method === "DELETE" ? undefined : "{}";
          const request = new Request(url, {
            method,
            headers: { ...headers, "content-type": "application/json", "x-forwarded-for": "192.0.2.9" },
            body,
          });
          const response = (await handler(request)) as Response;
          await scan(`${method} ${urlPathOf(file, ":id")} (${who}, ${response.status})`, null, response);
        }
      }
    }
    await markers.refresh();
  });

  it("profile services return the user's own data only", async () => {
    const { getMyProfile } = await import("@/lib/profile/account");
    const { listMyDevices, listMySessions } = await import("@/lib/profile/sessions");
    for (const user of [admin, victim]) {
      await scan(`getMyProfile (${user.username})`, user, await getMyProfile(user.actor));
      await scan(`listMySessions (${user.username})`, user, await listMySessions(user.actor));
      await scan(`listMyDevices (${user.username})`, user, await listMyDevices(user.actor));
      await scan(`loadActor (${user.username})`, user, await loadActor(user.actor.sessionId));
    }
    const { regenerateBackupCodes } = await import("@/lib/profile/tfa");
    const fresh = await regenerateBackupCodes(victim.actor, totpNow(victimSecrets.totpSecret), context);
    expect(fresh.backupCodes).toHaveLength(10);
    await markers.refresh();
    await scan("regenerateBackupCodes (victim)", victim, fresh);
  });

  const usersService = fs.existsSync(path.join(ROOT, "lib/users/service.ts"));
  it.skipIf(!usersService)("user administration and the audit log, as a superadmin", async () => {
    const { getUser, listUsers } = await import("@/lib/users/service");
    const { listAuditLog } = await import("@/lib/users/audit-log");
    const { resetUserPassword, resetUserTfa } = await import("@/lib/users/account");
    await scan("listUsers", admin, await listUsers(admin.actor, { pageSize: 100 }));
    await scan("getUser (other)", admin, await getUser(admin.actor, victim.userId));
    await scan("getUser (self)", admin, await getUser(admin.actor, admin.userId));
    await scan("resetUserTfa", admin, await resetUserTfa(admin.actor, victim.userId, context));
    await scan(
      "resetUserPassword",
      admin,
      await resetUserPassword(admin.actor, victim.userId, { password: "Another-Passw0rd!" }, context),
    );
    await markers.refresh();
    await scan("listUsers (after resets)", admin, await listUsers(admin.actor, { pageSize: 100 }));
    await scan("listAuditLog", admin, await listAuditLog(admin.actor, { pageSize: 100 }));
  });

  const rolesService = fs.existsSync(path.join(ROOT, "lib/roles/service.ts"));
  it.skipIf(!rolesService)("roles, as a superadmin", async () => {
    const { getRole, listRoles } = await import("@/lib/roles/service");
    const roles = await listRoles(admin.actor);
    await scan("listRoles", admin, roles);
    for (const role of roles) await scan(`getRole ${role.name}`, admin, await getRole(admin.actor, role.id));
  });

  /** A real id for the route's [id]: the other user, its role, or the test host. */
  function idFor(file: string): string {
    const url = urlPathOf(file, ":id");
    if (url.startsWith("/api/v1/roles/")) return victim.actor.roleId;
    if (url.startsWith("/api/v1/hosts/")) return host.hostId;
    return victim.userId;
  }

  // Last: these calls may change the other user (a reset of its TFA, say); only the answers matter.
  const routeSession = fs.existsSync(path.join(ROOT, "tests/support/route-session.ts"));
  it.skipIf(!routeSession)("REST routes of the UI, anonymously and as a signed-in superadmin", async () => {
    // Not a literal import: the helper is optional for this file (skipped above when absent).
    const helper = "../support/route-session";
    const { callRoute, sessionCookie } = (await import(/* @vite-ignore */ helper)) as RouteSession;
    const cookies = { anonymous: "", superadmin: await sessionCookie(admin.actor.sessionId, admin.userId) };
    const files = routeFiles(path.join(ROOT, "app/api/v1")).filter((file) => !isAgentRoute(file));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      // No DELETE: removing the other user would end the scan's own subject.
      for (const method of METHODS.filter((m) => m !== "DELETE")) {
        const handler = mod[method];
        if (typeof handler !== "function") continue;
        const id = idFor(file);
        for (const [who, cookie] of Object.entries(cookies)) {
          const url = `http://localhost:3000${urlPathOf(file, id)}`;
          const request = new Request(url, {
            method,
            headers: { cookie, "content-type": "application/json", "x-forwarded-for": "192.0.2.9" },
            body: method === "GET" ? undefined : "{}",
          });
          const params = Promise.resolve(paramsOf(file, id));
          const response = await callRoute(handler, request, { params });
          await scan(`${method} ${urlPathOf(file, ":id")} (${who}, ${response.status})`, admin, response);
        }
      }
    }
  });

  it("covered every answer it meant to", () => {
    // The list of what was scanned, for the reader of a failing run.
    console.info(`[no-secret-leaks] scanned ${scanned.length} answers:\n  ${scanned.join("\n  ")}`);
    expect(scanned.some((label) => label.startsWith("GET /api/v1/hosts/info (agent, 200)"))).toBe(true);
    expect(scanned.length).toBeGreaterThan(40);
  });
});
