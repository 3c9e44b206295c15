import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STATE } from "./tests/e2e/support/accounts";

const port = 3210;
const oidcPort = 3299;
const oidcClientSecret = "patchmon-e2e-client-secret";
/** A second server on PostgreSQL for the agent install test, whose CLI must share the database. */
export const agentServerPort = 3211;
const agentDatabaseUrl = process.env.E2E_AGENT_DATABASE_URL;
// localhost, not 127.0.0.1: Next reports req.url as localhost, and Auth.js CSRF checks depend on it matching.
const baseURL = `http://localhost:${port}`;

const chromiumLaunch = {
  // Debian's Chromium: `npx playwright install` cannot download browsers here.
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "./tests/e2e",
  fullyParallel: false,
  // Flows that build a fleet through the agent endpoints take a while on a busy 2-core machine.
  timeout: 90_000,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // First-run setup through the UI; saves the administrator's signed-in state for the rest.
    { name: "setup", testMatch: /.*\.setup\.ts/, use: { launchOptions: chromiumLaunch } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: {
        ...devices["Desktop Chrome"],
        storageState: ADMIN_STATE,
        launchOptions: chromiumLaunch,
      },
    },
  ],
  // Does not build: `npm run build` first (tests/run-all.sh does).
  webServer: [
    // A real OIDC provider for the SSO specs (tests/e2e/oidc.spec.ts); started before the app.
    {
      command: "npx tsx tests/support/oidc-provider-server.ts",
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { OIDC_TEST_PORT: String(oidcPort), OIDC_TEST_CLIENT_SECRET: oidcClientSecret },
    },
    {
      command: `node dist/cli.mjs preflight && npx next start -p ${port}`,
      url: `${baseURL}/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        PATCHMON_DATA_DIR: process.env.E2E_DATA_DIR ?? "./data/e2e",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_TRUST_HOST: "true",
        OIDC_ENABLED: "true",
        OIDC_ISSUER_URL: `http://127.0.0.1:${oidcPort}`,
        OIDC_CLIENT_ID: "patchmon-e2e",
        OIDC_CLIENT_SECRET: oidcClientSecret,
        OIDC_BUTTON_TEXT: "Sign in with the test IdP",
        OIDC_ADMIN_GROUP: "PatchMon Admins",
        OIDC_USER_GROUP: "PatchMon Users",
        // Zero-config by default (embedded PGlite, jobs in the web process), whatever the shell exports
        // for the integration tests; empty values count as unset.
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        REDIS_URL: "",
        REDIS_HOST: "",
      },
    },
    ...(agentDatabaseUrl
      ? [
          {
            command: `node dist/cli.mjs preflight && npx next start -p ${agentServerPort}`,
            url: `http://localhost:${agentServerPort}/health`,
            reuseExistingServer: false,
            timeout: 180_000,
            env: {
              PATCHMON_DATA_DIR: `${process.env.E2E_DATA_DIR ?? "./data/e2e"}-agent`,
              NEXT_TELEMETRY_DISABLED: "1",
              DATABASE_URL: agentDatabaseUrl,
              JWT_SECRET: "e2e-agent-server-secret-0123456789abcdef",
              SERVER_PORT: String(agentServerPort),
              REDIS_URL: "",
              REDIS_HOST: "",
            },
          },
        ]
      : []),
  ],
});
