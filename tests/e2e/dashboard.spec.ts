import { expect, type Page, test } from "@playwright/test";

const SCREENSHOTS = "test-results/screenshots";

/** The stat cards in the order the dashboard shows them. */
async function cardOrder(page: Page): Promise<string[]> {
  const ids = await page
    .getByTestId("overview-grid")
    .locator('[data-testid^="stat-"][data-tone]')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute("data-testid") ?? ""));
  return ids.map((id) => id.replace(/^stat-/, ""));
}

async function resetLayout(page: Page) {
  await page.goto("/");
  await page.getByTestId("customise-open").click();
  await page.getByTestId("customise-reset").click();
  await expect(page.getByTestId("customise-panel")).toBeHidden();
}

test.describe("dashboard customisation", () => {
  // The administrator's layout is shared with the other specs: leave it at the default.
  test.afterEach(async ({ page }) => {
    await resetLayout(page);
  });

  test("hide a card, move another up, size one, save: kept after a reload; reset restores the default", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page.getByTestId("stat-pending")).toBeVisible();
    const before = await cardOrder(page);
    expect(before.indexOf("security-updates")).toBe(before.indexOf("needing-updates") + 1);

    await page.getByTestId("customise-open").click();
    await expect(page.getByTestId("customise-panel")).toBeVisible();
    await page.getByTestId("customise-visible-pending").click();
    await expect(page.getByTestId("customise-visible-pending")).toHaveAttribute("aria-checked", "false");
    // From the keyboard: focus the button and press Enter.
    await page.getByTestId("customise-up-security-updates").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("customise-size-total-hosts-lg").click();
    await expect(page.getByTestId("customise-size-total-hosts-lg")).toHaveAttribute("aria-pressed", "true");
    // The grid previews the draft before it is saved.
    await expect(page.getByTestId("stat-pending")).toHaveCount(0);

    await page.getByTestId("customise-save").click();
    await expect(page.getByTestId("customise-panel")).toBeHidden();

    await page.reload();
    await expect(page.getByTestId("stat-total-hosts")).toBeVisible();
    await expect(page.getByTestId("stat-pending")).toHaveCount(0);
    const after = await cardOrder(page);
    expect(after.indexOf("security-updates")).toBe(after.indexOf("needing-updates") - 1);
    await expect(
      page.getByTestId("stat-total-hosts").locator("xpath=ancestor::*[@data-size][1]"),
    ).toHaveAttribute("data-size", "lg");

    await page.emulateMedia({ colorScheme: "dark" });
    await page.evaluate(() => document.documentElement.classList.toggle("dark", true));
    await page.getByTestId("customise-open").click();
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-customise-dark.png`, fullPage: true });
    await page.getByTestId("customise-cancel").click();

    await resetLayout(page);
    await page.reload();
    await expect(page.getByTestId("stat-pending")).toBeVisible();
    expect(await cardOrder(page)).toEqual(before);
  });

  test("cancel drops the draft", async ({ page }) => {
    await page.goto("/");
    await page.getByTestId("customise-open").click();
    await page.getByTestId("customise-visible-host-groups").click();
    await expect(page.getByTestId("stat-host-groups")).toHaveCount(0);
    await page.getByTestId("customise-cancel").click();
    await expect(page.getByTestId("stat-host-groups")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("stat-host-groups")).toBeVisible();
  });
});
