// Notifications as an administrator sets them up: a webhook channel pointing at a local receiver,
// its URL never shown back in full, a test message sent and seen delivered in the delivery log.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";

let server: Server;
const received: { path: string; body: string; headers: Record<string, unknown> }[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ path: req.url ?? "", body, headers: req.headers });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test("a webhook channel sends a test message that shows as sent in the delivery log", async ({ page }) => {
  const { port } = server.address() as AddressInfo;
  const secretPath = `/hooks/${Date.now().toString(36)}-private-token`;
  const name = `e2e-hook-${Date.now().toString(36)}`;

  await page.goto("/");
  await page.getByTestId("nav-notifications").first().click();
  await expect(page.getByTestId("page-heading")).toHaveText("Notifications");

  await page.getByTestId("channel-create").click();
  await page.getByTestId("channel-name").fill(name);
  // A bad URL is refused under its field and what was typed stays.
  await page.getByTestId("channel-config-url").fill("not a url");
  await page.getByTestId("channel-submit").click();
  await expect(page.getByTestId("channel-config-url-error")).toBeVisible();
  await expect(page.getByTestId("channel-name")).toHaveValue(name);
  await page.getByTestId("channel-config-url").fill(`http://127.0.0.1:${port}${secretPath}`);
  await page.getByTestId("channel-submit").click();
  await expect(page.getByText(`Created ${name}.`)).toBeVisible();

  const row = page.getByTestId("channel-row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("channel-target")).toContainText(`http://127.0.0.1:${port}/`);
  await expect(page.locator("body")).not.toContainText("private-token");

  await row.getByTestId("channel-send-test").click();
  await expect(page.getByText("Test message queued; see the delivery log.")).toBeVisible();
  await expect.poll(() => received.filter((r) => r.path === secretPath).length, { timeout: 20_000 }).toBe(1);
  const payload = JSON.parse(received.find((r) => r.path === secretPath)?.body ?? "{}") as { event?: string };
  expect(payload.event).toBe("test");

  await page.getByTestId("notifications-tab-deliveries").click();
  // The tab is in the URL: wait for it before reloading, or the reload shows the first tab.
  await expect(page).toHaveURL(/tab=deliveries/);
  const delivery = page.getByTestId("delivery-row").filter({ hasText: name });
  await expect(async () => {
    await page.reload();
    await expect(delivery.first()).toHaveAttribute("data-status", "sent", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(delivery.first().getByTestId("delivery-status")).toHaveText("sent");

  // Deleting asks for the name first.
  await page.getByTestId("notifications-tab-channels").click();
  await row.getByTestId("channel-delete").click();
  await expect(page.getByTestId("confirm-action")).toBeDisabled();
  await page.getByTestId("confirm-typed").fill(name);
  await page.getByTestId("confirm-action").click();
  await expect(page.getByText(`Deleted ${name}.`)).toBeVisible();
  await expect(row).toHaveCount(0);
});
