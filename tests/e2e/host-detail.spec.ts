// The host detail page with a host made the real way: created through the REST API as the
// administrator, then reporting through the agent endpoint with its own credentials.
import { expect, type Page, test } from "@playwright/test";
import { createUser, signIn } from "./support/session";

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
    ip: "192.0.2.10",
    architecture: "x86_64",
    agentVersion: "1.5.0",
    machineId: "0123456789abcdef0123456789abcdef",
    kernelVersion: "6.1.0-17-amd64",
    installedKernelVersion: "6.1.0-18-amd64",
    selinuxStatus: "disabled",
    systemUptime: "12 days, 3:04",
    loadAverage: [0.12, 0.3, 0.25],
    cpuModel: "Intel Xeon E5-2680",
    cpuCores: 4,
    ramInstalled: 7.8,
    swapSize: 2,
    diskDetails: [{ name: "/dev/sda1", size: "40G", mountpoint: "/" }],
    gatewayIp: "192.0.2.1",
    dnsServers: ["192.0.2.53"],
    networkInterfaces: [
      {
        name: "eth0",
        type: "ethernet",
        macAddress: "52:54:00:12:34:56",
        status: "up",
        addresses: [{ address: "192.0.2.10", family: "inet" }],
      },
    ],
    needsReboot: true,
    rebootReason: "kernel update",
    executionTime: 2.5,
    packages: [
      pkg("aaa-tools"),
      pkg("bash"),
      pkg("curl", { availableVersion: "7.88.1-10+deb12u5", needsUpdate: true }),
      pkg("zlib1g", { availableVersion: "1:1.2.13-2", needsUpdate: true, isSecurityUpdate: true }),
      pkg("openssl", { availableVersion: "3.0.13-1", needsUpdate: true, isSecurityUpdate: true }),
    ],
    repositories: [
      {
        name: "debian",
        url: "https://deb.debian.org/debian",
        distribution: "bookworm",
        components: "main",
        repoType: "deb",
        isEnabled: true,
        isSecure: true,
      },
    ],
  };
}

async function setColorScheme(page: Page, scheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: scheme });
  await page.reload();
  // The administrator's saved theme may override the system one; the screenshot wants this scheme.
  await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), scheme === "dark");
}

test("a reporting host's detail page: facts, packages, notes, report now, credentials", async ({ page }) => {
  // One long walk through every tab of a real host: more than the default 30 s on this machine.
  test.setTimeout(120_000);
  const tag = `detail-${Date.now().toString(36)}`;
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

  await page.goto(`/hosts/${host.id}`);
  await expect(page.getByTestId("page-heading")).toHaveText(tag);
  await expect(page.getByTestId("host-hostname")).toHaveText(`${tag}.example.internal`);
  await expect(page.getByTestId("host-status")).toHaveText(/active/i);
  await expect(page.getByTestId("host-reboot-reason")).toHaveText("kernel update");
  await expect(page.getByTestId("fact-os")).toHaveText("debian 12");
  await expect(page.getByTestId("fact-kernel")).toContainText("6.1.0-17-amd64");
  await expect(page.getByTestId("fact-kernel-installed")).toHaveText("6.1.0-18-amd64");
  await expect(page.getByTestId("fact-cpu")).toHaveText("Intel Xeon E5-2680");
  await expect(page.getByTestId("fact-gateway")).toHaveText("192.0.2.1");
  await expect(page.getByTestId("fact-interfaces")).toContainText("eth0");

  await setColorScheme(page, "light");
  await page.screenshot({ path: `${SCREENSHOTS}/host-detail-light.png`, fullPage: true });
  await setColorScheme(page, "dark");
  await page.screenshot({ path: `${SCREENSHOTS}/host-detail-dark.png`, fullPage: true });
  await setColorScheme(page, "light");

  // Packages: security updates first, then other updates, then the rest by name.
  await page.getByTestId("host-tab-packages").click();
  await expect(page).toHaveURL(/tab=packages/);
  await expect(page.getByTestId("package-name")).toHaveText([
    "openssl",
    "zlib1g",
    "curl",
    "aaa-tools",
    "bash",
  ]);
  await page.getByTestId("packages-filter-security").click();
  await expect(page.getByTestId("package-name")).toHaveText(["openssl", "zlib1g"]);
  await page.getByTestId("packages-search").fill("zlib");
  await page.getByTestId("packages-search-submit").click();
  await expect(page.getByTestId("package-name")).toHaveText(["zlib1g"]);
  await page.goBack();
  await expect(page.getByTestId("package-name")).toHaveText(["openssl", "zlib1g"]);

  await page.getByTestId("host-tab-repositories").click();
  await expect(page.getByTestId("repository-row")).toContainText("https://deb.debian.org/debian");
  await page.getByTestId("host-tab-history").click();
  await expect(page.getByTestId("report-row")).toHaveCount(1);
  await expect(page.getByTestId("report-row")).toContainText("success");

  // Notes: over the limit is refused with the reason; a normal note is saved and survives a reload.
  await page.getByTestId("host-tab-notes").click();
  await page.getByTestId("host-notes").fill("x".repeat(10_001));
  await page.getByTestId("host-notes-save").click();
  await expect(page.getByTestId("host-notes-error")).toContainText("10,000");
  await page.getByTestId("host-notes").fill("Owned by the platform team.");
  await page.getByTestId("host-notes-save").click();
  await expect(page.getByText("Notes saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("host-notes")).toHaveValue("Owned by the platform team.");

  // Agent: report now queues one command, shown with its delivery state.
  await page.getByTestId("host-tab-agent").click();
  await expect(page.getByTestId("host-commands-empty")).toBeVisible();
  await page.getByTestId("host-fetch-report").click();
  await expect(page.getByTestId("host-command-row")).toHaveCount(1);
  await expect(page.getByTestId("host-command-state")).toHaveText("queued");
  await page.getByTestId("host-fetch-report").click();
  await expect(page.getByText("already waiting")).toBeVisible();
  await expect(page.getByTestId("host-command-row")).toHaveCount(1);
  await expect(page.getByTestId("host-remove-command")).toContainText("/api/v1/hosts/remove");

  // Regenerate after confirming: the new key is shown once and the old one stops working.
  await page.getByTestId("host-regenerate").click();
  await expect(page.getByTestId("host-regenerate-dialog")).toBeVisible();
  await page.getByTestId("host-regenerate-confirm").click();
  await expect(page.getByTestId("host-new-api-id")).toHaveText(apiId);
  const newKey = (await page.getByTestId("host-new-api-key").textContent()) ?? "";
  expect(newKey).toMatch(/^[0-9a-f]{64}$/);
  expect(newKey).not.toBe(apiKey);
  await expect(page.getByTestId("host-install-command")).toContainText("X-Bootstrap-Token");
  const stale = await page.request.post("/api/v1/hosts/update", {
    headers: { "X-API-ID": apiId, "X-API-KEY": apiKey },
    data: reportBody(tag),
  });
  expect(stale.status()).toBe(401);
});

test("a malformed or unknown host id shows the not-found page", async ({ page }) => {
  await page.goto("/hosts/not-a-host");
  await expect(page.getByTestId("host-not-found")).toBeVisible();
  await page.goto("/hosts/00000000-0000-4000-8000-000000000000?tab=packages");
  await expect(page.getByTestId("host-not-found")).toBeVisible();
});

test("deleting a host needs its name typed, then leaves for the hosts list", async ({ page }) => {
  const name = `delete-${Date.now().toString(36)}`;
  const created = await page.request.post("/api/v1/hosts", { data: { friendlyName: name } });
  expect(created.status(), await created.text()).toBe(201);
  const { host } = (await created.json()) as { host: { id: string } };

  await page.goto(`/hosts/${host.id}`);
  await expect(page.getByTestId("host-no-report")).toBeVisible();
  await expect(page.getByTestId("host-status")).toHaveText(/pending/i);
  await page.getByTestId("host-tab-agent").click();
  await page.getByTestId("host-delete").click();
  await expect(page.getByTestId("host-delete-confirm")).toBeDisabled();
  await page.getByTestId("host-delete-confirmation").fill(`${name}-typo`);
  await expect(page.getByTestId("host-delete-confirm")).toBeDisabled();
  await page.getByTestId("host-delete-confirmation").fill(name);
  await page.getByTestId("host-delete-confirm").click();
  await expect(page).toHaveURL(/\/hosts$/);
  await page.goto(`/hosts/${host.id}`);
  await expect(page.getByTestId("host-not-found")).toBeVisible();
});

test("a read-only user sees the host but no manage controls", async ({ page, browser }) => {
  const name = `readonly-view-${Date.now().toString(36)}`;
  const created = await page.request.post("/api/v1/hosts", { data: { friendlyName: name } });
  expect(created.status(), await created.text()).toBe(201);
  const { host } = (await created.json()) as { host: { id: string } };
  const viewer = await createUser(page.request, "readonly");

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await signIn(other, viewer.username, viewer.password);
  await other.goto(`/hosts/${host.id}?tab=agent`);
  await expect(other.getByTestId("page-heading")).toHaveText(name);
  await expect(other.getByTestId("host-remove-command")).toBeVisible();
  for (const control of ["host-fetch-report", "host-auto-update", "host-regenerate", "host-delete"]) {
    await expect(other.getByTestId(control)).toHaveCount(0);
  }
  await other.goto(`/hosts/${host.id}?tab=notes`);
  await expect(other.getByTestId("host-notes-text")).toHaveText("No notes for this host.");
  await expect(other.getByTestId("host-notes-save")).toHaveCount(0);
  await context.close();
});
