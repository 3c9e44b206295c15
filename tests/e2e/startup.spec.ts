// The production start command (`npm start`, as the README says) refuses a bad configuration before
// it listens: non-zero exit, one line naming each bad variable.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const cases: Array<[Record<string, string>, RegExp]> = [
  [{ RATE_LIMIT_MAX: "abc" }, /RATE_LIMIT_MAX: got "abc", expected a whole number/],
  [
    { DATABASE_URL: "not-a-url", JWT_SECRET: "j".repeat(40) },
    /DATABASE_URL: got "not-a-url", expected a URL starting with postgres:\/\//,
  ],
  [{ JWT_EXPIRES_IN: "soon" }, /JWT_EXPIRES_IN: got "soon", expected a duration/],
  [{ OIDC_ENABLED: "true" }, /OIDC_ISSUER_URL: got nothing, expected a value because OIDC_ENABLED=true/],
];

test.describe("npm start with an invalid configuration", () => {
  for (const [env, message] of cases) {
    test(`exits non-zero for ${Object.keys(env)[0]}`, () => {
      const result = spawnSync("npm", ["start"], {
        env: {
          NODE_ENV: "production",
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          PORT: "3299",
          PATCHMON_DATA_DIR: "./data/e2e-bad-env",
          ...env,
        },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).not.toBe(0);
      expect(result.status).not.toBeNull();
      expect(result.stderr).toMatch(message);
      expect(result.stdout).not.toMatch(/Ready in/);
    });
  }
});

test("the zero-config web server migrated its embedded database and hosts the jobs itself", async ({
  request,
}) => {
  const health = await (await request.get("/health")).json();
  expect(health).toMatchObject({ database: { ok: true }, redis: "disabled" });
  const logFile = path.join(process.env.E2E_DATA_DIR ?? "./data/e2e", "logs", "patchmon.log");
  const lines = fs
    .readFileSync(logFile, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { msg: string; pid: number });
  const serverPid = lines.findLast((line) => line.msg.includes("background jobs run in this process"))?.pid;
  expect(serverPid).toBeDefined();
  expect(
    lines.some(
      (line) =>
        line.pid === serverPid &&
        /database schema is up to date|applied \d+ database migration/.test(line.msg),
    ),
  ).toBe(true);
});
