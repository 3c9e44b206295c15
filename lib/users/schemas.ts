// Input rules of the Users page, its server actions and the /api/v1/users routes.
import { z } from "zod";
import { emailSchema, newPasswordSchema, personNameSchema, usernameSchema } from "@/lib/auth/schemas";

/** A list field from a form (one value, several, or none) or from JSON (an array). */
export function listOf<S extends z.ZodType>(item: S) {
  return z.preprocess((value) => {
    if (value === undefined || value === null || value === "") return [];
    return Array.isArray(value) ? value.filter((v) => v !== "") : [value];
  }, z.array(item));
}

const uuid = z.uuid("must be a valid id");

export const hostGroupIdsSchema = listOf(uuid).transform((ids) => [...new Set(ids)]);

export const USER_STATUSES = ["active", "disabled", "locked"] as const;

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);

export const listUsersSchema = z.object({
  search: optionalText,
  // Filters from a URL: an unknown value filters nothing rather than failing the page.
  roleId: z.preprocess((v) => (v === "" || v === "all" ? undefined : v), uuid.optional()).catch(undefined),
  status: z
    .preprocess((v) => (v === "" || v === "all" ? undefined : v), z.enum(USER_STATUSES).optional())
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(25),
});
export type ListUsersInput = z.input<typeof listUsersSchema>;

/** A role by id (the UI) or by name (API callers): `roleId` wins when both are given. */
const roleRef = {
  roleId: uuid.optional(),
  role: z.string().trim().min(1).max(100).optional(),
};

function needsRole(value: { roleId?: string; role?: string }, ctx: z.RefinementCtx) {
  if (!value.roleId && !value.role)
    ctx.addIssue({ code: "custom", path: ["roleId"], message: "Choose a role" });
}

export const createUserSchema = z
  .object({
    username: usernameSchema,
    email: emailSchema,
    firstName: personNameSchema,
    lastName: personNameSchema,
    ...roleRef,
    password: newPasswordSchema,
    hostGroupIds: hostGroupIdsSchema,
  })
  .superRefine(needsRole);
export type CreateUserInput = z.input<typeof createUserSchema>;

/** Absent fields stay as they are. */
export const updateUserSchema = z
  .object({
    email: emailSchema,
    firstName: personNameSchema,
    lastName: personNameSchema,
    ...roleRef,
    hostGroupIds: hostGroupIdsSchema,
  })
  .partial();
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ password: newPasswordSchema });

export const deleteUserSchema = z.object({
  confirm: z.string({ error: "Type the username to confirm" }).trim().min(1, "Type the username to confirm"),
});

export const userIdSchema = z.object({ userId: uuid });
