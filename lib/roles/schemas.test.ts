import { describe, expect, it } from "vitest";
import { createRoleSchema, updateRoleSchema } from "./schemas";

describe("role schemas", () => {
  it("reads one ticked permission from a form as a list, and blank descriptions as none", () => {
    expect(
      createRoleSchema.parse({ name: " Auditors ", permissions: "can_view_hosts", description: "" }),
    ).toEqual({
      name: "Auditors",
      description: null,
      permissions: ["can_view_hosts"],
      hostGroupIds: [],
    });
  });

  it("refuses unknown permissions and superuser power without user management", () => {
    expect(createRoleSchema.safeParse({ name: "x1", permissions: ["can_fly"] }).success).toBe(false);
    const result = createRoleSchema.safeParse({ name: "su", permissions: ["can_manage_superusers"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["permissions"]);
  });

  it("leaves absent fields out of an edit", () => {
    expect(updateRoleSchema.parse({ description: "new" })).toEqual({ description: "new" });
  });
});
