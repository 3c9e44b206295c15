// An invalid configuration stops every entrypoint before it listens or touches the database,
// with one line per problem naming the variable.
import { describe, expect, it } from "vitest";
import { collect, runCli, spawnEntry } from "../support/processes";

const base = { PATCHMON_DATA_DIR: process.env.PATCHMON_DATA_DIR };

describe("start-up configuration checks", () => {
  it.each([
    [{ RATE_LIMIT_MAX: "abc" }, /RATE_LIMIT_MAX: got "abc", expected a whole number/],
    [
      { DATABASE_URL: "mysql://root:hunter2@db/patchmon", JWT_SECRET: "s".repeat(40) },
      /DATABASE_URL: got ".*", expected a URL starting with postgres:\/\//,
    ],
    [{ JWT_EXPIRES_IN: "soon" }, /JWT_EXPIRES_IN: got "soon", expected a duration/],
    [{ OIDC_ENABLED: "true" }, /OIDC_ISSUER_URL: got nothing, expected a value because OIDC_ENABLED=true/],
  ])("preflight exits non-zero for %j", async (env, message) => {
    const result = await runCli(["preflight"], { ...base, ...env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid configuration, not starting/);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stdout).toBe("");
  });

  it("the worker refuses an invalid configuration too", async () => {
    const result = await collect(spawnEntry("workers/index.ts", [], { ...base, RATE_LIMIT_MAX: "-5" }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/RATE_LIMIT_MAX: got "-5"/);
  });

  it("the worker explains that it needs Redis", async () => {
    const result = await collect(spawnEntry("workers/index.ts", [], { ...base }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/REDIS_HOST or REDIS_URL is required/);
  });

  it("gives up on an unreachable database after PM_DB_CONN_MAX_ATTEMPTS tries", async () => {
    const result = await runCli(["migrate"], {
      ...base,
      DATABASE_URL: "postgres://patchmon:secretpw@127.0.0.1:1/patchmon",
      JWT_SECRET: "s".repeat(40),
      PM_DB_CONN_MAX_ATTEMPTS: "2",
      PM_DB_CONN_WAIT_INTERVAL: "0",
      PM_LOG_TO_CONSOLE: "true",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/database not ready \(attempt 1\/2\)/);
    expect(result.stderr).toMatch(/Database not reachable after 2 attempts/);
    expect(result.stdout + result.stderr).not.toContain("secretpw");
  });
});
