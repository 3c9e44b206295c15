// The Automation page: every job with its schedule; "Run now" queues a run (in the web process on
// this server, which has no Redis) and the new run shows in the job's history.
import { expect, test } from "@playwright/test";

test("an administrator runs a job now and sees its new run", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("nav-automation").first().click();
  await expect(page.getByTestId("page-heading")).toHaveText("Automation");

  const row = page.locator('[data-testid="job-row"][data-job="orphan-cleanup"]');
  await expect(row).toContainText("41 4 * * *");
  await expect(page.locator('[data-testid="job-row"][data-job="host-status-monitor"]')).toContainText(
    "Every minute",
  );
  await expect(row.getByTestId("job-queue")).toHaveText("In process");

  await row.getByTestId("job-expand").click();
  const history = page.locator('[data-testid="job-history-row"][data-job="orphan-cleanup"]');
  await expect(history).toBeVisible();
  const before = await history.getByTestId("job-run").count();

  await row.getByTestId("job-run-now").click();
  await expect(page.getByText("orphan-cleanup queued.")).toBeVisible();
  await expect(history.getByTestId("job-run")).toHaveCount(before + 1, { timeout: 20_000 });
  const newest = history.getByTestId("job-run").first();
  await expect(newest).toContainText("Run by hand");
  await expect(newest.getByTestId("run-status")).toHaveText("succeeded", { timeout: 20_000 });
  await expect(row.getByTestId("job-last-run")).toContainText("succeeded");

  // Pausing skips scheduled slots; resuming brings the next run back.
  await row.getByTestId("job-pause").click();
  await expect(row.getByTestId("job-paused")).toBeVisible();
  await row.getByTestId("job-resume").click();
  await expect(row.getByTestId("job-paused")).toHaveCount(0);
});
