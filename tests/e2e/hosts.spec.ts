// The Hosts page as an operator uses it: add a host and watch its first report arrive, then find
// hosts by search and filters, page through a long list and export what the table shows.
import fs from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";

type Created = { host: { id: string }; apiId: string; apiKey: string };

function reportBody(name: string, security: boolean) {
  return {
    osType: "debian",
    osVersion: "12",
    hostname: `${name}.lan`,
    agentVersion: "1.5.0",
    packages: [
      {
        name: "openssl",
        currentVersion: "3.0.1",
        availableVersion: "3.0.2",
        needsUpdate: true,
        isSecurityUpdate: security,
      },
      { name: "bash", currentVersion: "5.2", needsUpdate: false },
    ],
  };
}

async function report(page: Page, apiId: string, apiKey: string, name: string, security: boolean) {
  const response = await page.request.post("/api/v1/hosts/update", {
    headers: { "X-API-ID": apiId, "X-API-KEY": apiKey },
    data: reportBody(name, security),
  });
  expect(response.status(), await response.text()).toBe(200);
}

async function visibleNames(page: Page): Promise<string[]> {
  return page.getByTestId("host-link").allTextContents();
}

test("adding a host shows its install command and credentials once, then opens it on its first report", async ({
  page,
}) => {
  const name = `e2e-add-${Date.now().toString(36)}`;
  await page.goto("/");
  await page.getByTestId("nav-hosts").first().click();
  await expect(page.getByTestId("page-heading")).toHaveText("Hosts");
  await page.getByTestId("add-host").click();
  await expect(page.getByTestId("page-heading")).toHaveText("Add host");

  await page.getByTestId("add-host-name").fill(name);
  await page.getByTestId("add-host-submit").click();

  await expect(page.getByTestId("add-host-result")).toBeVisible();
  await expect(page.getByTestId("install-command")).toContainText("X-Bootstrap-Token");
  await expect(page.getByTestId("force-install-command")).toContainText("/api/v1/hosts/install?force=true");
  const apiId = (await page.getByTestId("host-api-id").textContent()) ?? "";
  const apiKey = (await page.getByTestId("host-api-key").textContent()) ?? "";
  expect(apiId).toMatch(/^patchmon_[0-9a-f]{16}$/);
  expect(apiKey).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId("add-host-waiting")).toContainText("Waiting for the first report");

  await report(page, apiId, apiKey, name, true);
  await expect(page).toHaveURL(/\/hosts\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByText(name).first()).toBeVisible();
});

test("hosts list: search, security filter, three pages of 25, CSV export equals the filtered table", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = `e2e-list-${Date.now().toString(36)}`;
  const created: (Created & { name: string })[] = [];
  for (let batch = 0; batch < 6; batch++) {
    const answers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const name = `${tag}-${String(batch * 10 + i).padStart(2, "0")}`;
        const response = await page.request.post("/api/v1/hosts", { data: { friendlyName: name } });
        expect(response.status(), await response.text()).toBe(201);
        return { ...((await response.json()) as Created), name };
      }),
    );
    created.push(...answers);
  }
  // Three hosts report a pending security update, two a plain update; the rest never report.
  const secure = created.slice(0, 3);
  for (const host of secure) await report(page, host.apiId, host.apiKey, host.name, true);
  for (const host of created.slice(3, 5)) await report(page, host.apiId, host.apiKey, host.name, false);

  await page.goto("/hosts");
  await page.getByTestId("search-input").fill(tag);
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.getByTestId("pagination-summary")).toHaveText("1–25 of 60 hosts");
  await expect(page.getByTestId("host-row")).toHaveCount(25);
  const first = await visibleNames(page);
  expect(first[0]).toBe(`${tag}-00`);

  await page.getByTestId("pagination-next").click();
  await expect(page.getByTestId("pagination-summary")).toHaveText("26–50 of 60 hosts");
  await expect(page.getByTestId("host-row")).toHaveCount(25);
  expect((await visibleNames(page))[0]).toBe(`${tag}-25`);
  await page.getByTestId("pagination-page-3").click();
  await expect(page.getByTestId("pagination-summary")).toHaveText("51–60 of 60 hosts");
  await expect(page.getByTestId("host-row")).toHaveCount(10);
  await page.goBack();
  await expect(page.getByTestId("pagination-summary")).toHaveText("26–50 of 60 hosts");

  // Sorting by name descending puts the last host first.
  await page.getByTestId("sort-name").click();
  await expect(page).toHaveURL(/order=desc/);
  await expect(page.getByTestId("host-link").first()).toHaveText(`${tag}-59`);

  // The column chooser adds the agent version column and the choice survives a reload.
  await expect(page.getByTestId("sort-agent_version")).toHaveCount(0);
  await page.getByTestId("host-columns").click();
  await page.getByTestId("host-column-agent").click();
  await expect(page.getByTestId("sort-agent_version")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(page.getByTestId("sort-agent_version")).toBeVisible();

  await page.getByTestId("filter-security").click();
  await expect(page).toHaveURL(/security=1/);
  await expect(page.getByTestId("host-row")).toHaveCount(3);
  await expect(page.getByTestId("pagination-summary")).toHaveText("1–3 of 3 hosts");
  const filtered = await visibleNames(page);
  expect([...filtered].sort()).toEqual(secure.map((host) => host.name).sort());

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-hosts").click(),
  ]);
  const csv = await fs.readFile(await download.path(), "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^Friendly name,Hostname,IP,Groups/);
  expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(filtered);

  // A selection can be exported or acted on; read-only controls are covered by the integration tests.
  await page.getByTestId("select-host").first().check();
  await expect(page.getByTestId("hosts-selected-count")).toHaveText("1 selected");
  await page.getByTestId("bulk-report-now").click();
  await expect(page.getByText("Asked 1 host to report.")).toBeVisible();

  // Deleting needs the typed phrase; the deleted hosts leave the filtered list.
  await page.getByTestId("select-host").nth(1).check();
  await expect(page.getByTestId("hosts-selected-count")).toHaveText("2 selected");
  await page.getByTestId("bulk-delete").click();
  await page.getByTestId("delete-confirmation").fill("delete 1 host");
  await expect(page.getByTestId("confirm-delete-hosts")).toBeDisabled();
  await page.getByTestId("delete-confirmation").fill("delete 2 hosts");
  await page.getByTestId("confirm-delete-hosts").click();
  await expect(page.getByText("Deleted 2 hosts.")).toBeVisible();
  await expect(page.getByTestId("host-row")).toHaveCount(1);
  await expect(page.getByTestId("host-link")).toHaveText(filtered[2] ?? "");
});
