// The Settings pages as an administrator: change the agent interval, create an enrolment token and
// see its secret exactly once, upload a logo and see it served.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

test("the settings index links every section", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("nav-settings").first().click();
  await expect(page.getByTestId("page-heading")).toHaveText("Settings");
  for (const section of [
    "server",
    "agents",
    "enrolment",
    "branding",
    "notifications",
    "alerts",
    "users",
    "roles",
    "audit",
  ]) {
    await expect(page.getByTestId(`settings-card-${section}`)).toBeVisible();
  }
  await page.getByTestId("settings-card-server").click();
  await expect(page.getByTestId("page-heading")).toHaveText("Server URL");
  await page.getByTestId("server-port").fill("70000");
  await page.getByTestId("server-save").click();
  await expect(page.getByTestId("server-port-error")).toContainText("65535");
});

test("changing the agent interval is saved", async ({ page }) => {
  await page.goto("/settings/agents");
  await page.getByTestId("update-interval").click();
  await page.getByRole("option", { name: "Every 45 minutes" }).click();
  await page.getByTestId("agent-save").click();
  await expect(page.getByText(/Agent settings saved|will switch to every 45 minutes/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("update-interval")).toHaveText(/Every 45 minutes/);
});

test("an enrolment token's secret is shown once", async ({ page }) => {
  const name = `lab-${randomBytes(3).toString("hex")}`;
  await page.goto("/settings/enrolment");
  await page.getByTestId("token-create").click();
  await page.getByTestId("token-name").fill(name);
  await page.getByTestId("token-allow").fill("10.0.0.0/33");
  await page.getByTestId("token-create-submit").click();
  await expect(page.getByTestId("token-allow-error")).toContainText("10.0.0.0/33");
  await page.getByTestId("token-allow").fill("10.0.0.0/8, 2001:db8::/32");
  await page.getByTestId("token-create-submit").click();

  const secret = (await page.getByTestId("enrolment-created-secret").textContent()) ?? "";
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId("enrolment-command-proxmox")).toContainText(
    `AUTO_ENROLLMENT_SECRET="${secret}"`,
  );
  await expect(page.getByTestId("enrolment-command-direct")).toContainText("type=direct-host");
  await page.getByTestId("token-created-done").click();

  const row = page.getByTestId(`token-row-${name}`);
  await expect(row).toContainText("10.0.0.0/8, 2001:db8::/32");
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  await page.getByTestId(`token-enabled-${name}`).click();
  await expect(page.getByText(`Disabled ${name}.`)).toBeVisible();
  await page.getByTestId(`token-delete-${name}`).click();
  await page.getByTestId("token-delete-confirm").fill(name);
  await page.getByTestId("token-delete-submit").click();
  await expect(row).toHaveCount(0);
});

test("a logo upload is checked, previewed and served", async ({ page }) => {
  await page.goto("/settings/branding");
  const card = page.getByTestId("branding-card-logo-light");
  await card
    .getByTestId("branding-file-logo-light")
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("not an image") });
  await card.getByTestId("branding-upload-logo-light").click();
  await expect(card.getByTestId("branding-logo-light-error")).toContainText("PNG, JPEG, WebP or ICO");

  await card
    .getByTestId("branding-file-logo-light")
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await card.getByTestId("branding-upload-logo-light").click();
  await expect(card.getByTestId("branding-preview-logo-light")).toBeVisible();
  const served = await page.request.get("/api/branding/logo-light");
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(Buffer.from(await served.body()).equals(PNG)).toBe(true);

  await card.getByTestId("branding-reset-logo-light").click();
  await expect(card.getByTestId("branding-default-logo-light")).toBeVisible();
  expect((await page.request.get("/api/branding/logo-light")).status()).toBe(404);
});
