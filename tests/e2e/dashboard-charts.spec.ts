// Dashboard charts and recent reports against hosts made the real way: created through the REST
// API as the administrator, then reporting through the agent endpoint with their own keys. Also the
// customise panel's drag and drop, and the light and dark screenshots of the dashboard and hosts.
import { expect, type Page, test } from "@playwright/test";

const SCREENSHOTS = "test-results/screenshots";

const pkg = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  currentVersion: "1.0-1",
  needsUpdate: false,
  isSecurityUpdate: false,
  ...extra,
});

/** A report with `updates` pending updates, the first `security` of them security updates. */
function reportBody(tag: string, osType: string, updates: number, security: number) {
  return {
    osType,
    osVersion: osType === "debian" ? "12" : "24.04",
    hostname: `${tag}.example.internal`,
    ip: "192.0.2.30",
    architecture: "x86_64",
    agentVersion: "1.5.0",
    kernelVersion: "6.1.0-17-amd64",
    executionTime: 2.5,
    packages: [
      pkg(`${tag}-bash`),
      ...Array.from({ length: updates }, (_, i) =>
        pkg(`${tag}-lib${i}`, {
          availableVersion: "1.0-2",
          needsUpdate: true,
          isSecurityUpdate: i < security,
        }),
      ),
    ],
  };
}

async function reportingHost(page: Page, tag: string, osType: string, updates: number, security: number) {
  const created = await page.request.post("/api/v1/hosts", { data: { friendlyName: tag } });
  expect(created.status(), await created.text()).toBe(201);
  const { apiId, apiKey } = (await created.json()) as { apiId: string; apiKey: string };
  const report = await page.request.post("/api/v1/hosts/update", {
    headers: { "X-API-ID": apiId, "X-API-KEY": apiKey },
    data: reportBody(tag, osType, updates, security),
  });
  expect(report.status(), await report.text()).toBe(200);
}

/** Today's figure of a trend chart (0 while it shows its empty state). */
async function latest(page: Page, chart: "security-trend" | "outdated-trend"): Promise<number> {
  const card = page.getByTestId(`chart-${chart}`);
  // The charts are drawn in the browser from a lazily loaded bundle: allow a slow first load.
  await expect(card.getByTestId(chart).or(card.getByTestId("chart-empty"))).toBeVisible({ timeout: 15_000 });
  if ((await card.getByTestId("chart-empty").count()) > 0) return 0;
  return Number(((await card.getByTestId(`${chart}-latest`).textContent()) ?? "").replace(/,/g, ""));
}

async function chartOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId("section-trends")
    .locator("[data-card]")
    .evaluateAll((cards) => cards.map((card) => card.getAttribute("data-card") ?? ""));
}

async function setColorScheme(page: Page, scheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: scheme });
  await page.reload();
  // The administrator's saved theme may override the system one; the screenshot wants this scheme.
  await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), scheme === "dark");
}

async function resetLayout(page: Page) {
  await page.goto("/");
  await page.getByTestId("customise-open").click();
  await page.getByTestId("customise-reset").click();
  await expect(page.getByTestId("customise-panel")).toBeHidden();
}

test.describe("dashboard charts", () => {
  // The administrator's layout is shared with the other specs: leave it at the default.
  test.afterEach(async ({ page }) => {
    await resetLayout(page);
  });

  test("charts and recent reports show what the agents reported, each number linking to its list", async ({
    page,
  }) => {
    await page.goto("/");
    const securityBefore = await latest(page, "security-trend");
    const updatesBefore = await latest(page, "outdated-trend");

    const tag = `chart-${Date.now().toString(36)}`;
    await reportingHost(page, `${tag}-a`, "debian", 3, 2);
    await reportingHost(page, `${tag}-b`, "ubuntu", 1, 0);

    await page.goto("/");
    // Today's point sums each host's last report of the day: +2 security, +4 package updates.
    await expect.poll(() => latest(page, "security-trend")).toBe(securityBefore + 2);
    expect(await latest(page, "outdated-trend")).toBe(updatesBefore + 4);
    await expect(page.getByTestId("chart-security-trend").locator("svg.recharts-surface")).toBeVisible();
    // The numbers are there for screen readers too.
    await expect(page.getByTestId("chart-security-trend").locator("table caption")).toHaveText(
      "security updates per day",
    );

    // Update status agrees with the stat cards and links to the same lists.
    const needing =
      (await page.getByTestId("stat-needing-updates").getByTestId("stat-value").textContent()) ?? "";
    await expect(page.getByTestId("update-status-needs-updates")).toHaveText(needing);
    await expect(page.getByTestId("update-status-needs-updates")).toHaveAttribute("href", "/hosts?updates=1");
    await expect(page.getByTestId("update-status-security")).toHaveAttribute("href", "/hosts?security=1");

    // Recent reports: the newest is host b's, linking to its report history.
    const newest = page.getByTestId("recent-report-row").first();
    await expect(newest).toContainText(`${tag}-b`);
    // Relative time, the exact time on hover.
    await expect(newest.locator("time")).toHaveText(/ago|now/);
    await newest.locator("time").hover();
    await expect(page.getByRole("tooltip")).toContainText(/\d{4}, \d{2}:\d{2}:\d{2} UTC/);
    await expect(newest.getByRole("link", { name: `${tag}-b` })).toHaveAttribute(
      "href",
      /\/hosts\/.+\?tab=history$/,
    );

    // An OS slice's number opens the host list filtered to that OS.
    const ubuntu = page.getByTestId("os-count-ubuntu");
    await expect(ubuntu).toHaveAttribute("href", "/hosts?os=ubuntu");
    await ubuntu.click();
    await expect(page).toHaveURL(/\/hosts\?os=ubuntu$/);
    await expect(page.getByTestId("hosts-table")).toBeVisible();

    // The range lives in the URL.
    await page.goto("/");
    await page.getByTestId("chart-range-7").click();
    await expect(page).toHaveURL(/\?range=7$/);
    await expect(page.getByTestId("chart-range-7")).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("chart-security-trend").locator("table tbody tr")).toHaveCount(7);

    for (const scheme of ["light", "dark"] as const) {
      await page.goto("/");
      await setColorScheme(page, scheme);
      await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOTS}/dashboard-${scheme}.png`, fullPage: true });
      await page.goto("/hosts");
      await setColorScheme(page, scheme);
      await expect(page.getByTestId("hosts-table").getByTestId("host-status").first()).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOTS}/hosts-${scheme}.png`, fullPage: true });
    }
  });

  test("hide a chart and drag one chart before another: both kept after a reload", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("chart-os-distribution")).toBeVisible();
    const before = await chartOrder(page);
    expect(before.indexOf("outdated-trend")).toBeGreaterThan(before.indexOf("os-distribution"));

    await page.getByTestId("customise-open").click();
    await page.getByTestId("customise-visible-update-status").click();
    await page
      .getByTestId("customise-row-outdated-trend")
      .dragTo(page.getByTestId("customise-row-os-distribution"));
    // The grid previews the draft.
    await expect(page.getByTestId("chart-update-status")).toHaveCount(0);
    await expect
      .poll(() => chartOrder(page))
      .toEqual(["outdated-trend", "os-distribution", "security-trend"]);
    await page.getByTestId("customise-save").click();
    await expect(page.getByTestId("customise-panel")).toBeHidden();

    await page.reload();
    await expect(page.getByTestId("chart-os-distribution")).toBeVisible();
    await expect(page.getByTestId("chart-update-status")).toHaveCount(0);
    expect(await chartOrder(page)).toEqual(["outdated-trend", "os-distribution", "security-trend"]);
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 375, height: 740 } });

    test("charts and recent reports fit the screen (the table scrolls inside its card)", async ({ page }) => {
      await page.goto("/");
      await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
      await expect(page.getByTestId("recent-reports")).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
});
