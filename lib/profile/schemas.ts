// Input of the profile page's forms, shared by the server actions and the services.
import { z } from "zod";
import { THEME_PREFERENCES } from "@/db/schema/enums";
import { emailSchema, newPasswordSchema, personNameSchema } from "@/lib/auth/schemas";

/** Empty form fields arrive as "": treat them as absent. */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string().max(max, `must be at most ${max} characters`).optional(),
  );

export const updateProfileSchema = z.object({
  firstName: personNameSchema,
  lastName: personNameSchema,
  email: emailSchema,
  themePreference: z.enum(THEME_PREFERENCES, { error: "must be light, dark or system" }),
});
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "is required" }).min(1, "Enter your current password").max(1024),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "is required" }),
  })
  .superRefine((value, ctx) => {
    if (value.confirmPassword !== value.newPassword)
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "Passwords do not match" });
    if (value.currentPassword === value.newPassword)
      ctx.addIssue({
        code: "custom",
        path: ["newPassword"],
        message: "The new password must differ from the current one",
      });
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const tfaCodeSchema = z.object({
  code: z.string({ error: "is required" }).trim().min(1, "Enter the code from your app").max(32),
});

export const disableTfaSchema = z
  .object({ code: optionalText(32), password: optionalText(1024) })
  .refine((value) => value.code !== undefined || value.password !== undefined, {
    path: ["code"],
    message: "Enter a code from your app or your password",
  });
export type DisableTfaInput = z.infer<typeof disableTfaSchema>;

export const sessionIdSchema = z.object({ sessionId: z.uuid("is not a session") });

export const deviceIdSchema = z.object({
  deviceId: z.union([z.uuid(), z.literal("all")], { error: "is not a device" }),
});
