import { describe, expect, it } from "vitest";
import { apiRoute } from "@/lib/api/route";
import { NotFoundError, PermissionError, ServiceError } from "@/lib/errors";

const call = (error: Error) =>
  apiRoute(async () => {
    throw error;
  })(new Request("http://x/api/v1/users"));

describe("domain errors in route handlers", () => {
  it("answers 403, 404 and the service status with field issues", async () => {
    const forbidden = await call(new PermissionError("Only a superadmin can do this."));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: "Only a superadmin can do this." });
    expect((await call(new NotFoundError("User not found."))).status).toBe(404);
    const conflict = await call(
      new ServiceError("Taken.", { status: 409, fieldErrors: { email: ["in use"] } }),
    );
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({
      error: "Taken.",
      issues: [{ path: "email", message: "in use" }],
    });
    expect(await (await call(new ServiceError("Read-only."))).json()).toEqual({ error: "Read-only." });
  });
});
