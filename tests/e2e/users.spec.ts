// The Users, Roles and Audit pages as an administrator drives them: create, find, edit, reset the
// password of, disable and delete a user; a custom role in the permission matrix; the audit trail.
import { expect, type Page, test } from "@playwright/test";
import { ADMIN_STATE, USER_PASSWORD, uniqueUsername } from "./support/accounts";
import { createUser, signIn } from "./support/session";

async function chooseOption(page: Page, trigger: string, option: string): Promise<void> {
  await page.getByTestId(trigger).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function openRowAction(page: Page, username: string, action: string): Promise<void> {
  await page.getByTestId(`user-actions-${username}`).click();
  await page.getByTestId(`user-action-${action}`).click();
}

test("an administrator creates, finds, edits, resets, disables and deletes a user", async ({
  page,
  browser,
}) => {
  const username = uniqueUsername("e2e");
  await page.goto("/");
  await page.getByTestId("nav-users").first().click();
  await expect(page.getByTestId("page-heading")).toHaveText("Users");

  await page.getByTestId("user-create").click();
  await page.getByTestId("user-username").fill(username);
  await page.getByTestId("user-email").fill("not-an-email");
  await page.getByTestId("user-password").fill("short");
  await page.getByTestId("user-submit").click();
  await expect(page.getByTestId("user-email-error")).toBeVisible();
  await expect(page.getByTestId("user-password-error")).toBeVisible();
  await page.getByTestId("user-email").fill(`${username}@example.com`);
  await page.getByTestId("user-password").fill(USER_PASSWORD);
  await chooseOption(page, "user-role", "user");
  await page.getByTestId("user-submit").click();
  await expect(page.getByText(`Created ${username}.`)).toBeVisible();

  await page.getByTestId("users-search").fill(username);
  await page.getByTestId("users-filter-submit").click();
  await expect(page).toHaveURL(new RegExp(`search=${username}`));
  const row = page.getByTestId(`user-row-${username}`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId("pagination-summary")).toHaveText("1–1 of 1");

  await openRowAction(page, username, "edit");
  await page.getByTestId("user-lastName").fill("Tester");
  await chooseOption(page, "user-role", "readonly");
  await page.getByTestId("user-submit").click();
  await expect(page.getByText(`Saved ${username}.`)).toBeVisible();
  await expect(row).toContainText("readonly");
  await expect(row).toContainText("Tester");

  const newPassword = "Changed-Passw0rd!";
  await openRowAction(page, username, "password");
  await page.getByTestId("reset-password-input").fill(newPassword);
  await page.getByTestId("reset-password-submit").click();
  await expect(page.getByText(/New password set/)).toBeVisible();
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await signIn(await other.newPage(), username, newPassword);
  await other.close();

  await openRowAction(page, username, "active");
  await page.getByTestId("confirm-action").click();
  await expect(row).toContainText("Disabled");

  await openRowAction(page, username, "delete");
  await expect(page.getByTestId("delete-confirm-submit")).toBeDisabled();
  await page.getByTestId("delete-confirm-input").fill(username);
  await page.getByTestId("delete-confirm-submit").click();
  await expect(page.getByText(`Deleted ${username}.`)).toBeVisible();
  await expect(page.getByTestId("users-empty")).toBeVisible();

  await page.goto("/audit?action=user.deleted&actor=admin");
  await expect(page.getByTestId("audit-row").first()).toContainText("user.deleted");
  await expect(page.getByTestId("audit-row").first()).toContainText(username);
});

test("custom roles in the permission matrix; built-in roles are read-only", async ({ page }) => {
  const name = uniqueUsername("role");
  await page.goto("/roles");
  await expect(page.getByTestId("role-row-superadmin")).toBeVisible();
  await expect(page.getByTestId("role-edit-superadmin")).toHaveCount(0);

  await page.getByTestId("role-create").click();
  await page.getByTestId("role-name").fill(name);
  await page.getByTestId("role-permission-can_view_hosts").click();
  await page.getByTestId("role-permission-can_view_dashboard").click();
  await page.getByTestId("role-submit").click();
  await expect(page.getByText(`Created role ${name}.`)).toBeVisible();
  const row = page.getByTestId(`role-row-${name}`);
  await expect(row.getByLabel("Granted", { exact: true })).toHaveCount(2);

  await page.getByTestId(`role-delete-${name}`).click();
  await page.getByTestId("role-delete-confirm").click();
  await expect(row).toHaveCount(0);
});

test("a user without user permissions gets neither the pages nor the links", async ({ page, browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const user = await createUser(admin.request, "readonly");
  await admin.close();
  await page.context().clearCookies();
  await signIn(page, user.username, user.password);
  await expect(page.getByTestId("nav-users")).toHaveCount(0);
  // The page shell may already be streaming when the guard refuses, so the refusal is the content.
  for (const path of ["/users", "/roles", "/audit"]) {
    await page.goto(path);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByTestId("users-table")).toHaveCount(0);
  }
});
