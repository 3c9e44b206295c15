import { expect, test } from "@playwright/test";

import { ShellPage } from "./pages/shell-page";

const statIds = [
  "total-hosts",
  "up-to-date",
  "needing-updates",
  "security-updates",
  "needing-reboot",
  "stale-offline",
  "pending",
  "report-failed",
  "outdated-packages",
  "host-groups",
  "repositories",
  "users",
];

/**
 * Cards that count hosts or their packages, so show 0 while no host exists. Host groups,
 * repositories and users exist independently of hosts and are left out.
 */
const hostStatIds = [
  "total-hosts",
  "up-to-date",
  "needing-updates",
  "security-updates",
  "needing-reboot",
  "stale-offline",
  "pending",
  "report-failed",
  "outdated-packages",
];

test.describe("dashboard", () => {
  test("renders inside the shell with Dashboard active", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto("/");

    await expect(shell.heading).toHaveText("Dashboard");
    await expect(page).toHaveTitle(/PatchMon/);
    await expect(shell.sidebar).toBeVisible();
    await expect(shell.sidebar.getByTestId("brand")).toContainText("PatchMon");
    await expect(shell.sidebarLink("nav-dashboard")).toHaveAttribute("aria-current", "page");
    await expect(shell.headerTitle).toContainText("Dashboard");
    await expect(shell.mobileNavTrigger).toBeHidden();
  });

  test("shows every stat card with a number, and the empty state only without hosts", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto("/");

    const values: Record<string, number> = {};
    for (const id of statIds) {
      await expect(shell.statCard(id)).toBeVisible();
      await expect(shell.statValue(id)).toHaveText(/^\d{1,3}(,\d{3})*$/);
      values[id] = await shell.statNumber(id);
    }

    // The counts themselves are the overview query's (tests/integration/overview.test.ts); here
    // only that each card shows one, and that an empty fleet shows zeros.
    const total = values["total-hosts"];
    expect(Number.isInteger(values["up-to-date"])).toBe(true);

    if (total === 0) {
      for (const id of hostStatIds) expect(values[id], `stat-${id} with no hosts`).toBe(0);
      await expect(shell.emptyState).toBeVisible();
      await expect(shell.emptyState.getByRole("link")).toHaveCount(0);
    } else {
      await expect(shell.emptyState).toHaveCount(0);
    }
  });
});

test.describe("shell", () => {
  test("the skip link moves focus to the main content", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto("/");
    await page.keyboard.press("Tab");
    await expect(shell.skipLink).toBeFocused();
    await expect(shell.skipLink).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(shell.main).toBeFocused();
  });

  test("the desktop sidebar collapses to icons and remembers it across a reload", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto("/");
    await expect(shell.sidebar).toHaveAttribute("data-state", "expanded");
    const expandedWidth = (await shell.sidebar.boundingBox())?.width ?? 0;

    await shell.sidebarToggle.click();
    await expect(shell.sidebar).toHaveAttribute("data-state", "collapsed");
    await expect(shell.sidebarToggle).toHaveAttribute("aria-expanded", "false");
    await expect(shell.sidebarLink("nav-dashboard")).toBeVisible();
    await expect(shell.sidebarLink("nav-dashboard")).toHaveAccessibleName("Dashboard");
    await expect
      .poll(async () => (await shell.sidebar.boundingBox())?.width ?? 0)
      .toBeLessThan(expandedWidth);

    await page.reload();
    await expect(shell.sidebar).toHaveAttribute("data-state", "collapsed");

    await shell.sidebarToggle.click();
    await expect(shell.sidebar).toHaveAttribute("data-state", "expanded");
  });
});

test.describe("theme", () => {
  test("Dark sets the dark class and survives a reload; Light removes it", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    const shell = new ShellPage(page);
    await shell.goto("/");
    await expect(shell.html).not.toHaveClass(/\bdark\b/);

    await shell.chooseTheme("dark");
    await expect(shell.html).toHaveClass(/\bdark\b/);

    await page.reload();
    await expect(shell.heading).toBeVisible();
    await expect(shell.html).toHaveClass(/\bdark\b/);

    await shell.chooseTheme("light");
    await expect(shell.html).not.toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(shell.html).not.toHaveClass(/\bdark\b/);
  });

  test("the theme menu works from the keyboard and System follows the OS", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    const shell = new ShellPage(page);
    await shell.goto("/");
    // Default is System, so an OS in dark mode gives the dark class.
    await expect(shell.html).toHaveClass(/\bdark\b/);

    await shell.chooseTheme("light", { keyboard: true });
    await expect(shell.html).not.toHaveClass(/\bdark\b/);

    await shell.chooseTheme("system", { keyboard: true });
    await expect(shell.html).toHaveClass(/\bdark\b/);
    await expect(shell.themeToggle).toBeFocused();
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("a menu button opens the navigation and the page fits the screen", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.goto("/");

    await expect(shell.sidebar).toBeHidden();
    await expect(shell.mobileNavTrigger).toBeVisible();
    await expect(shell.mobileNavTrigger).toHaveAccessibleName("Open navigation");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await shell.mobileNavTrigger.click();
    await expect(shell.mobileNav).toBeVisible();
    await expect(shell.mobileLink("nav-dashboard")).toHaveAttribute("aria-current", "page");

    await shell.mobileLink("nav-dashboard").click();
    await expect(shell.mobileNav).toBeHidden();

    await shell.mobileNavTrigger.click();
    await expect(shell.mobileNav).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(shell.mobileNav).toBeHidden();
    await expect(shell.mobileNavTrigger).toBeFocused();
  });
});

test("/health reports status and a working database", async ({ request }) => {
  const response = await request.get("/health");
  expect(response.ok()).toBe(true);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(typeof body.status).toBe("string");
  expect(body.database?.ok).toBe(true);
});

test("an unknown URL shows the not-found page with a way home", async ({ page }) => {
  const response = await page.goto("/no-such-page-here");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();

  await page.getByTestId("not-found-home").click();
  await expect(page).toHaveURL("/");
  await expect(new ShellPage(page).heading).toBeVisible();
});
