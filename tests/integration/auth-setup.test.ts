// First-run setup on its own empty database: concurrent attempts create exactly one administrator,
// and setup stays closed afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { closeDb, prepareDatabase } from "@/db/migrate";
import { administratorExists } from "@/db/queries/auth";
import { users } from "@/db/schema";
import { ALREADY_SET_UP, createFirstAdministrator, setupSchema } from "@/lib/auth/setup";
import { resetEnvCache } from "@/lib/env";
import { createEmptyDatabase } from "../support/database";
import { testDatabaseUrl } from "../support/services";

const context = { ip: null, userAgent: "vitest" };

describe.skipIf(!testDatabaseUrl())("first-run setup", () => {
  let drop: (() => Promise<void>) | undefined;
  const savedUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    const database = await createEmptyDatabase("setup");
    if (!database) throw new Error("no database");
    drop = database.drop;
    await closeDb();
    process.env.DATABASE_URL = database.url;
    resetEnvCache();
    await prepareDatabase();
  });

  afterAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = savedUrl;
    resetEnvCache();
    await drop?.();
  });

  it("validates the form against the password policy", () => {
    const result = setupSchema.safeParse({
      username: "a",
      email: "nope",
      password: "short",
      confirmPassword: "x",
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["username", "email", "password"]));
  });

  it("creates one administrator out of five simultaneous attempts, then refuses forever", async () => {
    expect(await administratorExists()).toBe(false);
    const attempts = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) =>
        createFirstAdministrator(
          setupSchema.parse({
            username: `admin${n}`,
            email: `admin${n}@example.com`,
            password: "Admin-Passw0rd!",
            confirmPassword: "Admin-Passw0rd!",
          }),
          context,
        ),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const failed of attempts.filter((a) => a.status === "rejected")) {
      expect((failed as PromiseRejectedResult).reason.message).toBe(ALREADY_SET_UP);
    }
    expect(await getDb().select().from(users)).toHaveLength(1);
    expect(await administratorExists()).toBe(true);

    // Closed for good: even with no administrator left, setup does not reopen.
    await getDb().update(users).set({ isActive: false });
    expect(await administratorExists()).toBe(false);
    await expect(
      createFirstAdministrator(
        setupSchema.parse({
          username: "late",
          email: "late@example.com",
          password: "Admin-Passw0rd!",
          confirmPassword: "Admin-Passw0rd!",
        }),
        context,
      ),
    ).rejects.toThrow(ALREADY_SET_UP);
  });
});
