// Input rules of the Roles page, its server actions and the /api/v1/roles routes.
import { z } from "zod";
import { PERMISSIONS } from "@/lib/permissions";
import { hostGroupIdsSchema, listOf } from "@/lib/users/schemas";

const roleNameSchema = z
  .string({ error: "is required" })
  .trim()
  .min(2, "must be at least 2 characters")
  .max(50, "must be at most 50 characters")
  .regex(/^[a-zA-Z0-9 _.-]+$/, "may contain only letters, digits, spaces, dot, underscore and hyphen");

const permissionsSchema = listOf(z.enum(PERMISSIONS, { error: "is not a permission" })).transform((list) => [
  ...new Set(list),
]);

const fields = {
  name: roleNameSchema,
  description: z
    .string()
    .trim()
    .max(300, "must be at most 300 characters")
    .nullish()
    .transform((value) => value || null),
  permissions: permissionsSchema,
  hostGroupIds: hostGroupIdsSchema,
};

function superusersNeedUsers(value: { permissions?: string[] }, ctx: z.RefinementCtx) {
  const list = value.permissions ?? [];
  if (list.includes("can_manage_superusers") && !list.includes("can_manage_users"))
    ctx.addIssue({ code: "custom", path: ["permissions"], message: "Manage superusers needs Manage users" });
}

export const createRoleSchema = z.object(fields).superRefine(superusersNeedUsers);
export type CreateRoleInput = z.input<typeof createRoleSchema>;

/** Absent fields stay as they are. */
export const updateRoleSchema = z.object(fields).partial().superRefine(superusersNeedUsers);
export type UpdateRoleInput = z.input<typeof updateRoleSchema>;
