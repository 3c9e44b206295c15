// The profile page the way a user drives it: two-factor enrolment with a code computed here from
// the secret the page shows, then sign-in with a TOTP code, a backup code (once), a remembered
// device; and a session ended from another browser.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { ADMIN, ADMIN_STATE } from "./support/accounts";
import { createUser, signIn, signOut } from "./support/session";

test.use({ storageState: { cookies: [], origins: [] } });

/** The code of now, or of the next 30-second step (also valid now: a code signs in only once). */
function totpCode(secret: string, step: "current" | "next" = "current"): string {
  return new TOTP({
    secret: Secret.fromBase32(secret.replace(/\s+/g, "")),
    digits: 6,
    period: 30,
  }).generate({ timestamp: Date.now() + (step === "next" ? 30_000 : 0) });
}

async function newUser(browser: Browser) {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const user = await createUser(admin.request, "user");
  await admin.close();
  return user;
}

/** Password step only: lands on the code form (or straight in, for a remembered device). */
async function submitPassword(page: Page, login: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByTestId("login-name").fill(login);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

async function submitCode(page: Page, code: string, remember = false): Promise<void> {
  await expect(page.getByTestId("tfa-form")).toBeVisible();
  await page.getByTestId("tfa-code").fill(code);
  if (remember) await page.getByTestId("tfa-remember").check();
  await page.getByTestId("tfa-submit").click();
}

test("two-factor enrolment, then sign-in with a code, a backup code once, and a remembered device", async ({
  page,
  browser,
}) => {
  const user = await newUser(browser);
  await signIn(page, user.username, user.password);

  await page.goto("/profile?tab=two-factor");
  await page.getByTestId("tfa-begin").click();
  await expect(page.getByTestId("tfa-qr").locator("svg")).toBeVisible();
  const secret = (await page.getByTestId("tfa-secret").textContent()) ?? "";
  expect(secret.replace(/\s+/g, "")).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByTestId("tfa-confirm-code").fill("000000");
  await page.getByTestId("tfa-confirm").click();
  await expect(page.getByTestId("tfa-code-error")).toBeVisible();

  await page.getByTestId("tfa-confirm-code").fill(totpCode(secret));
  await page.getByTestId("tfa-confirm").click();
  const dialog = page.getByTestId("backup-codes-dialog");
  await expect(dialog.getByTestId("backup-code")).toHaveCount(10);
  const backupCodes = await dialog.getByTestId("backup-code").allTextContents();
  await dialog.getByTestId("backup-codes-done").click();
  await expect(page.getByTestId("tfa-status")).toHaveText("On");
  await expect(page.getByTestId("tfa-backup-count")).toContainText("10 unused backup codes");
  await signOut(page);

  // The password alone no longer signs in: the code form follows. The code that confirmed the
  // enrolment is spent; the next step's code is valid now.
  await submitPassword(page, user.username, user.password);
  await submitCode(page, totpCode(secret, "next"));
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await signOut(page);

  const backup = backupCodes[0] ?? "";
  await submitPassword(page, user.username, user.password);
  await submitCode(page, backup);
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await signOut(page);

  await submitPassword(page, user.username, user.password);
  await submitCode(page, backup);
  await expect(page.getByTestId("tfa-error")).toBeVisible();

  // A remembered device skips the code next time (both codes valid now are spent: a backup code).
  await submitCode(page, backupCodes[1] ?? "", true);
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await signOut(page);
  await submitPassword(page, user.username, user.password);
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await expect(page.getByTestId("tfa-form")).toHaveCount(0);

  await page.goto("/profile?tab=two-factor");
  await expect(page.getByTestId("tfa-backup-count")).toContainText("8 unused backup codes");
  await page.goto("/profile?tab=sessions");
  await expect(page.getByTestId("device-row")).toHaveCount(1);
  await page.getByTestId("device-forget").click();
  await page.getByTestId("device-forget-confirm").click();
  await expect(page.getByTestId("devices-empty")).toBeVisible();
});

test("a session signed out from the profile page is signed out on its next request", async ({
  page,
  browser,
}) => {
  const user = await newUser(browser);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, user.username, user.password);
  await signIn(page, user.username, user.password);

  await page.goto("/profile?tab=sessions");
  await expect(page.getByTestId("session-current")).toContainText("This session");
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await page.getByTestId("session-revoke").click();
  await page.getByTestId("session-revoke-confirm").click();
  await expect(page.getByTestId("session-row")).toHaveCount(0);

  await other.goto("/profile");
  await expect(other).toHaveURL(/\/login/);
  await page.goto("/profile");
  await expect(page.getByTestId("page-heading")).toHaveText("Profile");
  await otherContext.close();
});

test("account details keep a refused email, the theme applies on save, and the password changes", async ({
  page,
  browser,
}) => {
  const user = await newUser(browser);
  await signIn(page, user.username, user.password);
  await page.goto("/profile");

  await page.getByTestId("account-first-name").fill("Grace");
  await page.getByTestId("account-email").fill(ADMIN.email.toUpperCase());
  await page.getByTestId("account-save").click();
  await expect(page.getByTestId("email-error")).toContainText("already used");
  await expect(page.getByTestId("account-email")).toHaveValue(ADMIN.email.toUpperCase());

  await page.getByTestId("account-email").fill(`grace-${user.username}@example.com`);
  await page.getByTestId("account-theme").click();
  await page.getByTestId("account-theme-dark").click();
  await page.getByTestId("account-save").click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(page.getByTestId("account-first-name")).toHaveValue("Grace");

  await page.goto("/profile?tab=password");
  await expect(page.getByTestId("password-rules")).toBeVisible();
  const next = "Changed-Passw0rd!";
  await page.getByTestId("password-current").fill("Not-My-Passw0rd!");
  await page.getByTestId("password-new").fill(next);
  await page.getByTestId("password-confirm").fill(next);
  await page.getByTestId("password-submit").click();
  await expect(page.getByTestId("currentPassword-error")).toContainText("not correct");
  await page.getByTestId("password-current").fill(user.password);
  await page.getByTestId("password-submit").click();
  await expect(page.getByTestId("password-new")).toHaveValue("");
  await signOut(page);
  await signIn(page, user.username, next);
});
