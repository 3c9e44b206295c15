// An invalid configuration stops every entrypoint before it listens or touches the database,
// with one line per problem naming the variable.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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

describe(".env files", () => {
  function dirWithDotEnv(lines: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "patchmon-dotenv-"));
    fs.writeFileSync(path.join(dir, ".env"), `${lines.join("\n")}\n`);
    return dir;
  }

  it("are read by the CLI (and so by npm start's preflight) like the web server reads them", async () => {
    const cwd = dirWithDotEnv(["RATE_LIMIT_MAX=abc"]);
    const result = await collect(
      spawnEntry("cli/main.ts", ["preflight"], { PATCHMON_DATA_DIR: path.join(cwd, "data") }, cwd),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/RATE_LIMIT_MAX: got "abc"/);
  });

  it("give way to variables set in the environment, and DATABASE_URL from .env is used", async () => {
    const cwd = dirWithDotEnv([
      "RATE_LIMIT_MAX=abc",
      "DATABASE_URL=postgres://patchmon:dotenvpw@127.0.0.1:1/patchmon",
      `JWT_SECRET=${"d".repeat(40)}`,
      "PM_DB_CONN_MAX_ATTEMPTS=1",
    ]);
    const result = await collect(
      spawnEntry(
        "cli/main.ts",
        ["preflight"],
        { PATCHMON_DATA_DIR: path.join(cwd, "data"), RATE_LIMIT_MAX: "10" },
        cwd,
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Database not reachable after 1 attempts/);
    expect(result.stderr).not.toContain("dotenvpw");
    expect(fs.existsSync(path.join(cwd, "data", "pglite"))).toBe(false);
  });
});

describe("the worker and an unreachable Redis", () => {
  it("gives up after PM_DB_CONN_MAX_ATTEMPTS tries with a clear message", async () => {
    const result = await collect(
      spawnEntry("workers/index.ts", [], {
        ...base,
        REDIS_URL: "redis://:redissecret@127.0.0.1:1/0",
        PM_DB_CONN_MAX_ATTEMPTS: "2",
        PM_DB_CONN_WAIT_INTERVAL: "0",
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Redis not reachable after 2 attempts/);
    expect(result.stderr).not.toContain("redissecret");
    expect(result.stderr).not.toMatch(/at TCPConnectWrap/);
  }, 60_000);
});
