// The operator CLI, run as an operator would: a separate process against the test database.

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getUserByLogin } from "@/db/queries/users";
import { sessions, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/passwords";
import { useMigratedDatabase } from "../support/database";
import { runCli } from "../support/processes";
import { cliTestEnv, testDatabaseUrl } from "../support/services";

// PGlite lives inside one process, so the CLI (another process) needs the shared PostgreSQL.
const databaseUrl = testDatabaseUrl();
const env = cliTestEnv({ LOG_LEVEL: "debug", PRISMA_LOG_QUERIES: "true" });

async function passwordHashOf(username: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.username, username));
  return row?.hash ?? null;
}

describe.skipIf(!databaseUrl)("patchmon CLI", () => {
  useMigratedDatabase();

  it("prints help and rejects unknown commands", async () => {
    const help = await runCli(["help"], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/user:create --username U --email E --role R/);
    const unknown = await runCli(["frobnicate"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it("creates a user with the password from stdin, never logging it", async () => {
    const password = "Sup3r-Secret!pw";
    const result = await runCli(
      [
        "user:create",
        "--username",
        "Alice.Admin",
        "--email",
        "alice@example.com",
        "--role",
        "admin",
        "--first-name",
        "Alice",
      ],
      env,
      `${password}\n`,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Created user alice\.admin \(alice@example\.com\) with role admin/);
    const hash = await passwordHashOf("alice.admin");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash as string, password)).toBe(true);
    expect(result.stdout + result.stderr).not.toContain(password);
    expect(result.stdout + result.stderr).not.toContain(hash);
  });

  it.each([
    [
      ["--username", "bob", "--email", "not-an-email", "--role", "user"],
      /--email must be a valid email address/,
    ],
    [
      ["--username", "b", "--email", "b@example.com", "--role", "user"],
      /--username must be at least 3 characters/,
    ],
    [
      ["--username", "bob'; drop table users;--", "--email", "bob@example.com", "--role", "user"],
      /--username may contain only/,
    ],
    [
      ["--username", "bob", "--email", "bob@example.com", "--role", "emperor"],
      // Other files may add custom roles to the shared database: the built-ins are listed, sorted.
      /--role "emperor" does not exist; roles: (.*, )?admin, (.*, )?host_manager, (.*, )?readonly, (.*, )?superadmin, (.*, )?user\b/,
    ],
    [
      ["--username", "alice.admin", "--email", "other@example.com", "--role", "user"],
      /a user named "alice.admin" already exists/,
    ],
    [
      ["--username", "bob", "--email", "bob@example.com", "--role", "user", "--password", "weak"],
      /password must be at least 8 characters/,
    ],
  ])("refuses user:create %j", async (args, message) => {
    const result = await runCli(["user:create", ...args], env, "");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it("resets a password and unlocks a locked user", async () => {
    const user = await getUserByLogin("alice@example.com");
    if (!user) throw new Error("alice missing");
    await getDb()
      .update(users)
      .set({ failedLoginAttempts: 5, lockedUntil: new Date(Date.now() + 900_000) })
      .where(eq(users.id, user.id));

    const unlock = await runCli(["user:unlock", "ALICE.ADMIN"], env);
    expect(unlock.code, unlock.stderr).toBe(0);
    expect(unlock.stdout).toMatch(/Unlocked alice\.admin/);
    const unlocked = await getUserByLogin("alice.admin");
    expect(unlocked).toMatchObject({ failedLoginAttempts: 0, lockedUntil: null });

    const [session] = await getDb()
      .insert(sessions)
      .values({ userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) })
      .returning({ id: sessions.id });
    const reset = await runCli(["user:reset-password", "alice.admin"], env, "N3w-Passw0rd!\n");
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/1 session\(s\) ended/);
    const [revoked] = await getDb()
      .select()
      .from(sessions)
      .where(eq(sessions.id, session?.id as string));
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect(await verifyPassword((await passwordHashOf("alice.admin")) as string, "N3w-Passw0rd!")).toBe(true);

    const missing = await runCli(["user:unlock", "nobody"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no user "nobody"/);
  });

  it("shows the settings", async () => {
    const result = await runCli(["settings:show", "--json"], env);
    expect(result.code, result.stderr).toBe(0);
    const settings = JSON.parse(result.stdout);
    expect(settings).toMatchObject({ id: 1, serverProtocol: "http", updateInterval: 60 });
  });

  it("runs a job on demand", async () => {
    const result = await runCli(["job:run", "session-cleanup"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Ran session-cleanup: \{"sessions":\d+/);
    const started = Date.now();
    const unreachable = await runCli(["job:run", "session-cleanup"], {
      ...env,
      REDIS_URL: "redis://127.0.0.1:1/0",
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/Redis did not answer within 5000 ms/);
    expect(unreachable.stderr).not.toMatch(/at TCPConnectWrap/);
    expect(Date.now() - started).toBeLessThan(20_000);
    const bad = await runCli(["job:run", "nope"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/give a job name: session-cleanup/);
  });
});
