import { z } from "zod";
import { revokeUserSessions } from "@/db/queries/sessions";
import { withTransaction } from "@/db/queries/transaction";
import {
  createUser,
  getRoleByName,
  getUserByLogin,
  listRoleNames,
  setUserPassword,
  unlockUser,
} from "@/db/queries/users";
import { checkPassword, describePasswordPolicy } from "@/lib/auth/password-policy";
import { hashPassword } from "@/lib/auth/passwords";
import { getEnv } from "@/lib/env";
import { CliError, promptSecret } from "./prompt";

const usernameSchema = z
  .string()
  .trim()
  .min(3, "must be at least 3 characters")
  .max(64, "must be at most 64 characters")
  .regex(/^[a-zA-Z0-9._-]+$/, "may contain only letters, digits, dot, underscore and hyphen");

const createUserSchema = z.object({
  username: usernameSchema,
  email: z.email("must be a valid email address").max(254),
  role: z.string().trim().min(1, "is required"),
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
});

async function readNewPassword(given: string | undefined): Promise<string> {
  const policy = getEnv().password;
  const password = given ?? (await promptSecret(`Password (${describePasswordPolicy(policy).join(", ")}): `));
  const problems = checkPassword(password, policy);
  if (problems.length > 0) throw new CliError(`password ${problems.join("; ")}`);
  return password;
}

export async function userCreate(options: Record<string, string | undefined>): Promise<void> {
  const parsed = createUserSchema.safeParse(options);
  if (!parsed.success) {
    throw new CliError(parsed.error.issues.map((i) => `--${i.path.join(".")} ${i.message}`).join("; "));
  }
  const input = parsed.data;
  const role = await getRoleByName(input.role);
  if (!role)
    throw new CliError(`--role "${input.role}" does not exist; roles: ${(await listRoleNames()).join(", ")}`);
  if (await getUserByLogin(input.username))
    throw new CliError(`a user named "${input.username}" already exists`);
  if (await getUserByLogin(input.email))
    throw new CliError(`a user with email "${input.email}" already exists`);
  const password = await readNewPassword(options.password);
  const user = await createUser({
    username: input.username,
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    roleId: role.id,
    passwordHash: await hashPassword(password),
  });
  console.log(`Created user ${user.username} (${user.email}) with role ${role.name}.`);
}

async function requireUser(login: string | undefined) {
  if (!login) throw new CliError("give the username (or email) of the user");
  const user = await getUserByLogin(login);
  if (!user) throw new CliError(`no user "${login}"`);
  return user;
}

export async function userResetPassword(
  login: string | undefined,
  password: string | undefined,
): Promise<void> {
  const user = await requireUser(login);
  const newPassword = await readNewPassword(password);
  const passwordHash = await hashPassword(newPassword);
  // A reset is the recovery step after a compromise: whoever was signed in as the user is signed out.
  const ended = await withTransaction(async (tx) => {
    await setUserPassword(user.id, passwordHash, tx);
    return revokeUserSessions(user.id, tx);
  });
  console.log(`Password of ${user.username} changed; any lockout was cleared and ${ended} session(s) ended.`);
}

export async function userUnlock(login: string | undefined): Promise<void> {
  const user = await requireUser(login);
  await unlockUser(user.id);
  const wasLocked = user.lockedUntil !== null && user.lockedUntil > new Date();
  console.log(
    wasLocked
      ? `Unlocked ${user.username}.`
      : `${user.username} was not locked; failed-attempt counters reset.`,
  );
}
