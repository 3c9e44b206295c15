// The Alerts page as an operator uses it: a host reports new security updates, the alert appears
// (counted in the navigation badge), is acknowledged, then resolved, from the list.
import { expect, test } from "@playwright/test";

test("an administrator acknowledges and resolves an alert from the Alerts page", async ({ page }) => {
  const name = `e2e-alerts-${Date.now().toString(36)}`;
  const created = await page.request.post("/api/v1/hosts", { data: { friendlyName: name } });
  expect(created.status(), await created.text()).toBe(201);
  const host = (await created.json()) as { apiId: string; apiKey: string; host: { id: string } };

  // The host's first report carries a pending security update: the evaluator raises one alert.
  const report = await page.request.post("/api/v1/hosts/update", {
    headers: { "X-API-ID": host.apiId, "X-API-KEY": host.apiKey },
    data: {
      osType: "debian",
      osVersion: "12",
      hostname: name,
      agentVersion: "1.5.0",
      packages: [
        {
          name: "openssl",
          currentVersion: "3.0.1",
          availableVersion: "3.0.2",
          needsUpdate: true,
          isSecurityUpdate: true,
        },
        { name: "bash", currentVersion: "5.2", needsUpdate: false },
      ],
    },
  });
  expect(report.ok(), await report.text()).toBe(true);

  const row = page.getByTestId("alert-row").filter({ hasText: name });
  await expect(async () => {
    await page.goto(`/alerts?host=${host.host.id}`);
    await expect(row).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("page-heading")).toHaveText("Alerts");
  await expect(row.getByTestId("alert-status")).toHaveText("open");
  await expect(page.getByTestId("nav-alerts-badge").first()).toBeVisible();

  await row.getByTestId("alert-select").click();
  await expect(page.getByTestId("alerts-selected-count")).toHaveText("1 selected");
  await page.getByTestId("alerts-acknowledge").click();
  await page.getByTestId("confirm-action").click();
  await expect(page.getByText("Acknowledged 1 alert.")).toBeVisible();
  await expect(row.getByTestId("alert-status")).toHaveText("acknowledged");

  // Filters live in the URL: only acknowledged alerts, still including ours.
  await page.goto(`/alerts?status=acknowledged&host=${host.host.id}`);
  await expect(row).toHaveCount(1);
  await row.getByTestId("alert-select").click();
  await page.getByTestId("alerts-resolve").click();
  await page.getByTestId("confirm-action").click();
  await expect(page.getByText("Resolved 1 alert.")).toBeVisible();
  await expect(page.getByTestId("alerts-empty")).toBeVisible();

  await page.goto(`/alerts?host=${host.host.id}`);
  await expect(row.getByTestId("alert-status")).toHaveText("resolved");
  // The detail records who resolved it and takes a comment.
  await row.getByTestId("alert-link").click();
  await expect(page.getByTestId("alert-detail")).toContainText("by you");
  await page.getByTestId("alert-comment-body").fill("Patched during the maintenance window.");
  await page.getByTestId("alert-comment-submit").click();
  await expect(page.getByTestId("alert-comment")).toContainText("Patched during the maintenance window.");
});
