// Sign-in helpers for specs that need a particular user rather than the saved administrator.
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { ADMIN, USER_PASSWORD, uniqueUsername } from "./accounts";

/** Signs in through the login form and waits for the signed-in shell. */
export async function signIn(page: Page, login: string, password: string, baseURL = ""): Promise<void> {
  await page.goto(`${baseURL}/login`);
  await page.getByTestId("login-name").fill(login);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("user-menu")).toBeVisible();
}

export function signInAsAdmin(page: Page, baseURL = ""): Promise<void> {
  return signIn(page, ADMIN.username, ADMIN.password, baseURL);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("user-menu").click();
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * Creates a user through the REST API as the signed-in administrator of `request`
 * (a context holding the admin's session cookie). Returns the username and password.
 */
export async function createUser(
  request: APIRequestContext,
  role = "user",
  baseURL = "",
): Promise<{ username: string; password: string; id: string }> {
  const username = uniqueUsername(role.replace(/_/g, ""));
  const response = await request.post(`${baseURL}/api/v1/users`, {
    data: { username, email: `${username}@example.com`, password: USER_PASSWORD, role },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { user?: { id: string }; id?: string };
  return { username, password: USER_PASSWORD, id: body.user?.id ?? body.id ?? "" };
}
