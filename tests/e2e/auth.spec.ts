// Signing in and out the way an operator does, in fresh browser contexts (not the saved admin).
import { type Browser, expect, type Page, test } from "@playwright/test";
import { ADMIN, ADMIN_STATE, USER_PASSWORD, uniqueUsername } from "./support/accounts";
import { agentBaseUrl, agentDatabaseUrl, agentServerCli } from "./support/agent-server";
import { createUser, signIn, signInAsAdmin, signOut } from "./support/session";

test.use({ storageState: { cookies: [], origins: [] } });

const GENERIC = "Invalid username or password.";

async function attempt(page: Page, login: string, password: string, baseURL = ""): Promise<void> {
  await page.goto(`${baseURL}/login`);
  await page.getByTestId("login-name").fill(login);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

async function adminRequest(browser: Browser) {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  return { request: context.request, close: () => context.close() };
}

test("signed-out visitors are sent to sign in, and back to where they were going", async ({ page }) => {
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/$/);
});

test("logout ends the session for good, even if the old cookie is replayed", async ({ page, browser }) => {
  await signInAsAdmin(page);
  const stolen = await page.context().cookies();
  await signOut(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);

  const replay = await browser.newContext();
  await replay.addCookies(stolen);
  const replayed = await replay.newPage();
  await replayed.goto("/");
  await expect(replayed).toHaveURL(/\/login/);
  await replay.close();
});

test("a failed login shows one generic message for unknown users and wrong passwords", async ({ page }) => {
  await attempt(page, "no-such-user", "Whatever-123!");
  await expect(page.getByTestId("login-error")).toHaveText(GENERIC);
  await attempt(page, ADMIN.username, "Wrong-Passw0rd!");
  await expect(page.getByTestId("login-error")).toHaveText(GENERIC);
  await expect(page.getByTestId("login-password")).toHaveValue("");
});

test("five wrong passwords lock the account; the right one is then refused", async ({ page, browser }) => {
  const admin = await adminRequest(browser);
  const user = await createUser(admin.request, "user");
  await admin.close();
  for (let i = 0; i < 5; i++) {
    await attempt(page, user.username, "Wrong-Passw0rd!");
    await expect(page.getByTestId("login-error")).toHaveText(GENERIC);
  }
  await attempt(page, user.username, USER_PASSWORD);
  await expect(page.getByTestId("login-error")).toHaveText(GENERIC);
  await expect(page).toHaveURL(/\/login/);
});

test("an account locked in the browser is unlocked with the CLI", async ({ page }) => {
  test.skip(
    !agentDatabaseUrl,
    "needs the PostgreSQL-backed server (E2E_AGENT_DATABASE_URL), whose CLI shares its database",
  );
  const username = uniqueUsername("locked");
  const created = agentServerCli([
    "user:create",
    "--username",
    username,
    "--email",
    `${username}@example.com`,
    "--role",
    "superadmin",
    "--password",
    USER_PASSWORD,
  ]);
  expect(created.status, created.stderr).toBe(0);
  for (let i = 0; i < 6; i++)
    await attempt(page, username, i < 5 ? "Wrong-Passw0rd!" : USER_PASSWORD, agentBaseUrl);
  await expect(page.getByTestId("login-error")).toHaveText(GENERIC);

  const unlocked = agentServerCli(["user:unlock", username]);
  expect(unlocked.status, unlocked.stderr).toBe(0);
  await signIn(page, username, USER_PASSWORD, agentBaseUrl);
});
