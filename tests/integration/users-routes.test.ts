// The /api/v1/users, /roles and /audit route handlers called with real Requests carrying a real
// session cookie (a next-auth JWT naming a session row), as the browser's client components do.

// Next's server loads this before anything else (it exposes AsyncLocalStorage globally, which the
// request-scope modules need as they load); so must this test, hence first and on its own.
import "next/dist/server/node-environment-baseline.js";
import { beforeAll, describe, expect, it } from "vitest";
import * as audit from "@/app/api/v1/audit/route";
import * as role from "@/app/api/v1/roles/[id]/route";
import * as rolesRoute from "@/app/api/v1/roles/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as users from "@/app/api/v1/users/route";
import { signedInUser, type TestUser } from "../support/actors";
import { useMigratedDatabase } from "../support/database";
import { callRoute, sessionCookie } from "../support/route-session";

const cookieFor = (user: TestUser) => sessionCookie(user.actor.sessionId, user.userId);

function request(path: string, init: { method?: string; cookie?: string; body?: unknown } = {}): Request {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.cookie = init.cookie;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://localhost:3000${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** The handler as Next's server calls it: inside a request scope holding this request's headers. */
const inRequest =
  <C>(handler: Handler<C>) =>
  (request: Request, context?: C) =>
    callRoute(handler, request, context);

const getAudit = inRequest(audit.GET);
const deleteRoleRoute = inRequest(role.DELETE);
const patchRole = inRequest(role.PATCH);
const getRoles = inRequest(rolesRoute.GET);
const postRole = inRequest(rolesRoute.POST);
const deleteUserRoute = inRequest(userRoute.DELETE);
const getUserRoute = inRequest(userRoute.GET);
const patchUser = inRequest(userRoute.PATCH);
const getUsers = inRequest(users.GET);
const postUser = inRequest(users.POST);

describe("users, roles and audit routes", () => {
  useMigratedDatabase();

  let admin: TestUser;
  let adminCookie: string;
  let roleIds: Record<string, string>;

  beforeAll(async () => {
    admin = await signedInUser("admin");
    adminCookie = await cookieFor(admin);
    const answer = await getRoles(request("/api/v1/roles", { cookie: adminCookie }));
    expect(answer.status).toBe(200);
    const { roles } = (await answer.json()) as { roles: { id: string; name: string }[] };
    roleIds = Object.fromEntries(roles.map((role) => [role.name, role.id]));
  });

  it("answers 401 without a session and 403 without the permission", async () => {
    expect((await getUsers(request("/api/v1/users"))).status).toBe(401);
    const readonly = await signedInUser("readonly");
    const answer = await getUsers(request("/api/v1/users", { cookie: await cookieFor(readonly) }));
    expect(answer.status).toBe(403);
    expect((await getAudit(request("/api/v1/audit", { cookie: await cookieFor(readonly) }))).status).toBe(
      403,
    );
  });

  it("creates, lists, edits and deletes a user, never answering a password hash", async () => {
    const username = `api-${Date.now()}`;
    const created = await postUser(
      request("/api/v1/users", {
        method: "POST",
        cookie: adminCookie,
        body: {
          username,
          email: `${username}@example.com`,
          password: "Fresh-Password-42",
          roleId: roleIds.user,
        },
      }),
    );
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text).not.toMatch(/argon2|passwordHash|password_hash|tfaSecret/i);
    const { id } = JSON.parse(text) as { id: string };

    const list = await getUsers(request(`/api/v1/users?search=${username}`, { cookie: adminCookie }));
    expect(((await list.json()) as { total: number }).total).toBe(1);

    const edited = await patchUser(
      request(`/api/v1/users/${id}`, {
        method: "PATCH",
        cookie: adminCookie,
        body: { lastName: "Api", isActive: false },
      }),
      params(id),
    );
    expect(await edited.json()).toMatchObject({ lastName: "Api", isActive: false });

    const badConfirm = await deleteUserRoute(
      request(`/api/v1/users/${id}`, { method: "DELETE", cookie: adminCookie, body: { confirm: "nope" } }),
      params(id),
    );
    expect(badConfirm.status).toBe(400);
    expect(await badConfirm.json()).toMatchObject({ issues: [{ path: "confirm" }] });
    const gone = await deleteUserRoute(
      request(`/api/v1/users/${id}?confirm=${username}`, { method: "DELETE", cookie: adminCookie }),
      params(id),
    );
    expect(gone.status).toBe(204);
    expect(
      (await getUserRoute(request(`/api/v1/users/${id}`, { cookie: adminCookie }), params(id))).status,
    ).toBe(404);
    expect(
      (await getUserRoute(request("/api/v1/users/not-a-uuid", { cookie: adminCookie }), params("not-a-uuid")))
        .status,
    ).toBe(404);
  });

  it("answers 403 to an admin creating a superadmin, and 409 to a taken username", async () => {
    const body = {
      username: admin.username,
      email: `other-${Date.now()}@example.com`,
      password: "Fresh-Password-42",
    };
    const superadmin = await postUser(
      request("/api/v1/users", {
        method: "POST",
        cookie: adminCookie,
        body: { ...body, username: `su-${Date.now()}`, roleId: roleIds.superadmin },
      }),
    );
    expect(superadmin.status).toBe(403);
    const taken = await postUser(
      request("/api/v1/users", {
        method: "POST",
        cookie: adminCookie,
        body: { ...body, roleId: roleIds.user },
      }),
    );
    expect(taken.status).toBe(409);
    const byName = await postUser(
      request("/api/v1/users", {
        method: "POST",
        cookie: adminCookie,
        body: { ...body, username: `byname-${Date.now()}`, role: "readonly" },
      }),
    );
    expect(byName.status).toBe(201);
    expect(await byName.json()).toMatchObject({ roleName: "readonly" });
    expect(await taken.json()).toMatchObject({ issues: [{ path: "username" }] });
  });

  it("keeps built-in roles read-only and refuses deleting a role in use", async () => {
    const builtin = await patchRole(
      request(`/api/v1/roles/${roleIds.user}`, {
        method: "PATCH",
        cookie: adminCookie,
        body: { description: "x" },
      }),
      params(roleIds.user as string),
    );
    expect(builtin.status).toBe(400);
    const created = await postRole(
      request("/api/v1/roles", {
        method: "POST",
        cookie: adminCookie,
        body: { name: `api role ${Date.now()}`, permissions: ["can_view_hosts"] },
      }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const holder = await postUser(
      request("/api/v1/users", {
        method: "POST",
        cookie: adminCookie,
        body: {
          username: `holder-${Date.now()}`,
          email: `holder-${Date.now()}@example.com`,
          password: "Fresh-Password-42",
          roleId: id,
        },
      }),
    );
    expect(holder.status).toBe(201);
    const inUse = await deleteRoleRoute(
      request(`/api/v1/roles/${id}`, { method: "DELETE", cookie: adminCookie }),
      params(id),
    );
    expect(inUse.status).toBe(409);
    expect(((await inUse.json()) as { error: string }).error).toMatch(/held by 1 user/);
  });

  it("serves the audit log to an admin, filtered by action", async () => {
    const answer = await getAudit(
      request("/api/v1/audit?action=user.created&pageSize=5", { cookie: adminCookie }),
    );
    expect(answer.status).toBe(200);
    const page = (await answer.json()) as { rows: { action: string }[]; total: number };
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows.every((row) => row.action === "user.created")).toBe(true);
  });

  it("answers 400, never 500, to text the database cannot store", async () => {
    for (const path of ["/api/v1/users?search=a%00b", "/api/v1/audit?search=a%00b"]) {
      const handler = path.startsWith("/api/v1/users") ? getUsers : getAudit;
      const answer = await handler(request(path, { cookie: adminCookie }));
      expect(answer.status, path).toBe(400);
    }
    const created = await postUser(
      request("/api/v1/users", {
        method: "POST",
        cookie: adminCookie,
        body: {
          username: "nul-user",
          email: "nul@example.com",
          password: "Correct-Horse-9",
          role: "user",
          firstName: "a\u0000b",
        },
      }),
    );
    expect(created.status).toBe(400);
  });
});
