// First run, through the real pages: every page sends a fresh server to /setup, which creates the
// first administrator, signs them in, and then stays closed. The signed-in state is saved for the
// other specs (playwright.config.ts: the "setup" project runs first).
import fs from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { ADMIN, ADMIN_STATE } from "./support/accounts";

setup("first run creates the administrator, then /setup closes for good", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByTestId("password-rules")).toContainText("at least 8 characters");

  // A password breaking the policy is refused with the rule named under the field.
  await page.getByTestId("setup-username").fill(ADMIN.username);
  await page.getByTestId("setup-email").fill(ADMIN.email);
  await page.getByTestId("setup-password").fill("short");
  await page.getByTestId("setup-confirm-password").fill("short");
  await page.getByTestId("setup-submit").click();
  await expect(page.getByTestId("password-error")).toContainText("at least 8 characters");

  await page.getByTestId("setup-password").fill(ADMIN.password);
  await page.getByTestId("setup-confirm-password").fill(ADMIN.password);
  await page.getByTestId("setup-submit").click();
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await expect(page.getByTestId("page-heading")).toHaveText("Dashboard");

  // Closed afterwards, also for someone who is not signed in.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto("/setup");
  await expect(other.getByTestId("setup-done")).toBeVisible();
  await expect(other.getByTestId("setup-form")).toHaveCount(0);
  await other.goto("/");
  await expect(other).toHaveURL(/\/login/);
  await stranger.close();

  fs.mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });
});
