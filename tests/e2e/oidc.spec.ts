// Single sign-on the way an operator uses it: the login page's SSO button, the identity provider's
// own sign-in form (tests/support/oidc-provider-server.ts, started by playwright.config.ts), and back
// into PatchMon with the role the provider's groups map to.
import { expect, type Page, test } from "@playwright/test";

test.use({ storageState: { cookies: [], origins: [] } });

/** `<kind>.<tag>`: the test provider picks the groups from the kind. */
function ssoLogin(kind: string): string {
  return `${kind}.${Date.now().toString(36)}`;
}

async function signInWithSso(page: Page, login: string): Promise<void> {
  await page.goto("/login");
  await page.getByTestId("sso-button").click();
  await page.getByLabel("Login").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a member of the admin group signs in with SSO and can manage users", async ({ page }) => {
  const login = ssoLogin("admin");
  await signInWithSso(page, login);
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await page.goto("/users");
  await expect(page.getByTestId("forbidden")).toHaveCount(0);
  await expect(page.getByText(login.replace(".", "-")).first()).toBeVisible();
});

test("someone in no mapped group gets the default role, which may not see users", async ({ page }) => {
  await signInWithSso(page, ssoLogin("nogroup"));
  await expect(page.getByTestId("user-menu")).toBeVisible();
  await page.goto("/users");
  await expect(page.getByTestId("forbidden")).toBeVisible();
});

test("an unverified email is not linked to the existing account, and the page says why", async ({ page }) => {
  await signInWithSso(page, ssoLogin("unverified"));
  await expect(page).toHaveURL(/\/login\?error=email_not_verified/);
  await expect(page.getByTestId("login-notice")).toContainText("has not verified the address");
  await expect(page.getByTestId("user-menu")).toHaveCount(0);
});
