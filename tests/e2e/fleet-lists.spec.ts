// Host groups, Packages and Repositories pages against a host made the real way: created through
// the REST API as the administrator, then reporting through the agent endpoint with its own key.
import { expect, type Page, test } from "@playwright/test";

const SCREENSHOTS = "test-results/screenshots";

const pkg = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  currentVersion: "1.0-1",
  needsUpdate: false,
  isSecurityUpdate: false,
  ...extra,
});

function reportBody(tag: string) {
  return {
    osType: "debian",
    osVersion: "12",
    hostname: `${tag}.example.internal`,
    ip: "192.0.2.20",
    architecture: "x86_64",
    agentVersion: "1.5.0",
    kernelVersion: "6.1.0-17-amd64",
    executionTime: 1.5,
    packages: [
      pkg(`${tag}-bash`),
      pkg(`${tag}-curl`, { availableVersion: "7.88.1-10+deb12u5", needsUpdate: true }),
      pkg(`${tag}-openssl`, { availableVersion: "3.0.13-1", needsUpdate: true, isSecurityUpdate: true }),
    ],
    repositories: [
      {
        name: `${tag}-main`,
        url: `https://deb.example.com/${tag}`,
        distribution: "bookworm",
        components: "main",
        repoType: "deb",
        isEnabled: true,
        isSecure: true,
      },
    ],
  };
}

async function reportingHost(page: Page, tag: string): Promise<string> {
  const created = await page.request.post("/api/v1/hosts", { data: { friendlyName: tag } });
  expect(created.status(), await created.text()).toBe(201);
  const { host, apiId, apiKey } = (await created.json()) as {
    host: { id: string };
    apiId: string;
    apiKey: string;
  };
  const report = await page.request.post("/api/v1/hosts/update", {
    headers: { "X-API-ID": apiId, "X-API-KEY": apiKey },
    data: reportBody(tag),
  });
  expect(report.status(), await report.text()).toBe(200);
  return host.id;
}

async function setColorScheme(page: Page, scheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: scheme });
  await page.reload();
  // The administrator's saved theme may override the system one; the screenshot wants this scheme.
  await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), scheme === "dark");
}

test("host groups: create with a colour, refuse a bad colour, edit, delete with typed confirmation", async ({
  page,
}) => {
  const name = `grp-${Date.now().toString(36)}`;
  await page.goto("/host-groups");
  await expect(page.getByTestId("page-heading")).toHaveText("Host groups");
  await page.getByTestId("group-create").click();
  await page.getByTestId("group-name").fill(name);
  await page.getByTestId("group-description").fill("Web servers");
  await page.getByTestId("group-color-swatch-10B981").click();
  await expect(page.getByTestId("group-color")).toHaveValue("#10B981");
  await page.getByTestId("group-save").click();
  const row = page.getByTestId(`group-row-${name}`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("group-color-dot")).toHaveAttribute("data-color", "#10B981");
  await expect(row.getByTestId("group-host-count")).toHaveText("0");

  await row.getByTestId(`group-edit-${name}`).click();
  await page.getByTestId("group-color").fill("#12345z");
  await expect(page.getByTestId("group-color-error")).toBeVisible();
  await page.getByTestId("group-save").click();
  await expect(page.getByTestId("group-color-error")).toContainText("#3B82F6");
  await page.getByTestId("group-color").fill("#8b5cf6");
  await page.getByTestId("group-save").click();
  await expect(row.getByTestId("group-color-dot")).toHaveAttribute("data-color", "#8B5CF6");

  await row.getByTestId(`group-delete-${name}`).click();
  await expect(page.getByTestId("confirm-action")).toBeDisabled();
  await page.getByTestId("confirm-typed").fill(name);
  await page.getByTestId("confirm-action").click();
  await expect(row).toHaveCount(0);
});

test("packages and repositories after a host reported: counts, filters, detail, screenshots", async ({
  page,
}) => {
  const tag = `pk${Date.now().toString(36)}`;
  const hostId = await reportingHost(page, tag);

  await page.goto(`/packages?q=${tag}`);
  await expect(page.getByTestId("page-heading")).toHaveText("Packages");
  const rows = page.getByTestId("packages-table").locator("tbody tr");
  await expect(rows).toHaveCount(3);
  const openssl = page.getByTestId(`package-row-${tag}-openssl`);
  await expect(openssl.getByTestId("package-hosts")).toHaveText("1");
  await expect(openssl.getByTestId("package-security")).toHaveText("1");

  await page.getByTestId("filter-security").click();
  await expect(page).toHaveURL(/security=1/);
  await expect(rows).toHaveCount(1);
  await page.getByTestId("filter-updates").click();
  await expect(page).toHaveURL(/updates=1/);
  await page.getByTestId("filter-security").click();
  await expect(page).not.toHaveURL(/security=1/);
  await expect(page).toHaveURL(/updates=1/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId("filter-pm")).toHaveText("All managers");
  await page.getByTestId("filter-pm").click();
  await page.getByRole("option", { name: "apt" }).click();
  await expect(page).toHaveURL(/pm=apt/);
  await expect(page.getByTestId("filter-pm")).toHaveText("apt");
  await expect(rows).toHaveCount(2);
  await page.goto(`/packages?q=${tag}&pm=none`);
  await expect(page.getByTestId("packages-empty")).toContainText("No packages match");
  await page.goto(`/packages?q=${tag}&host=${hostId}`);
  await expect(page.getByTestId("filter-host")).toContainText(tag);
  await expect(rows).toHaveCount(3);

  await page.goto(`/packages?q=${tag}`);
  await setColorScheme(page, "light");
  await page.screenshot({ path: `${SCREENSHOTS}/packages-light.png`, fullPage: true });
  await setColorScheme(page, "dark");
  await page.screenshot({ path: `${SCREENSHOTS}/packages-dark.png`, fullPage: true });
  await setColorScheme(page, "light");

  await openssl.getByTestId("package-link").click();
  await expect(page.getByTestId("page-heading")).toHaveText(`${tag}-openssl`);
  const hostRow = page.getByTestId(`package-host-${tag}`);
  await expect(hostRow).toContainText("1.0-1");
  await expect(hostRow).toContainText("3.0.13-1");
  await expect(hostRow).toContainText("Security");
  await expect(page.getByTestId("package-stat-security")).toContainText("1");

  await page.goto(`/repositories?q=${tag}`);
  const repo = page.getByTestId(`repository-row-${tag}-main`);
  await expect(repo).toContainText("Secure");
  await expect(repo.getByTestId("repository-hosts")).toHaveText("1");
  await repo.getByRole("link", { name: `${tag}-main` }).click();
  await expect(page.getByTestId("page-heading")).toHaveText(`${tag}-main`);
  await expect(page.getByTestId(`repository-host-${tag}`)).toContainText("Enabled");

  const csv = await page.request.get(`/api/v1/packages/export?q=${tag}&security=1`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).trim().split("\r\n")).toEqual([
    "name,package_manager,hosts,hosts_needing_update,security_updates,description",
    `${tag}-openssl,apt,1,1,1,`,
  ]);
});
