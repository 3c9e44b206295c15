// First run: the one-time creation of the first administrator. A transaction-scoped advisory lock
// makes concurrent attempts queue, and each re-checks, so exactly one administrator is created.
import { z } from "zod";
import {
  administratorExists,
  isSetupMarkedComplete,
  lockFirstRunSetup,
  markSetupComplete,
} from "@/db/queries/auth";
import { withTransaction } from "@/db/queries/transaction";
import { createUser, getRoleByName, getUserByLogin } from "@/db/queries/users";
import { audit } from "@/lib/audit";
import { ServiceError } from "@/lib/errors";
import { hashPassword } from "./passwords";
import type { RequestContext } from "./request-context";
import { emailSchema, newPasswordSchema, personNameSchema, usernameSchema } from "./schemas";

export const setupSchema = z
  .object({
    username: usernameSchema,
    email: emailSchema,
    firstName: personNameSchema,
    lastName: personNameSchema,
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords do not match",
  });

export type SetupInput = z.output<typeof setupSchema>;

export const ALREADY_SET_UP = "PatchMon is already set up. Sign in instead.";

export async function createFirstAdministrator(
  input: SetupInput,
  context: RequestContext,
): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(input.password);
  const user = await withTransaction(async (tx) => {
    await lockFirstRunSetup(tx);
    if ((await isSetupMarkedComplete(tx)) || (await administratorExists(tx))) {
      throw new ServiceError(ALREADY_SET_UP, { status: 409 });
    }
    const role = await getRoleByName("superadmin", tx);
    if (!role) throw new Error("built-in role superadmin is missing");
    const fieldErrors: Record<string, string[]> = {};
    if (await getUserByLogin(input.username, tx)) fieldErrors.username = ["is already taken"];
    if (await getUserByLogin(input.email, tx)) fieldErrors.email = ["is already in use"];
    if (Object.keys(fieldErrors).length > 0)
      throw new ServiceError("Check the highlighted fields.", { fieldErrors });
    await markSetupComplete(tx);
    return createUser(
      {
        username: input.username,
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        passwordHash,
        roleId: role.id,
      },
      tx,
    );
  });
  await audit({
    action: "setup.first_admin",
    actor: { userId: user.id, label: user.username },
    target: { type: "user", id: user.id },
    ip: context.ip,
    userAgent: context.userAgent,
  });
  return { userId: user.id };
}
