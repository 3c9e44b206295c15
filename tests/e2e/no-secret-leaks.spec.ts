// Every page as the administrator sees it (and the sign-in pages as a stranger does), with every
// response the browser receives, scanned for secrets: password hashes, encrypted TOTP secrets,
// hash columns of a serialised row, the administrator's password. The same visits check that the
// Content-Security-Policy lets the app run: no violation is reported and the scripts hydrate.
import fs from "node:fs";
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { AGENT_LIMITED_PATHS } from "../../lib/api/request-limits";
import { ADMIN } from "./support/accounts";

const MARKERS: RegExp[] = [
  /\$argon2/,
  /v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+/, // lib/crypto.ts's encrypted format
  /password_?hash|tfa_?secret_?encrypted|secret_?encrypted|code_?hash|token_?hash|api_?key_?hash/i,
  new RegExp(ADMIN.password.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
];

const APP = path.join(process.cwd(), "app");

/** Static page paths of the app (route groups dropped, dynamic segments left to link-following). */
function pagePaths(dir = APP): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("[") || entry.name === "api" ? [] : pagePaths(full);
    if (entry.name !== "page.tsx") return [];
    const parts = path
      .relative(APP, dir)
      .split(path.sep)
      .filter((p) => p && !/^\(.*\)$/.test(p));
    return [`/${parts.join("/")}`];
  });
}

/** GET routes under /api/v1 that a signed-in browser may call (agent endpoints excluded). */
function apiGetPaths(dir = path.join(APP, "api/v1")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("[") ? [] : apiGetPaths(full);
    if (
      entry.name !== "route.ts" ||
      !/export const GET\b|export (async )?function GET\b/.test(fs.readFileSync(full, "utf8"))
    ) {
      return [];
    }
    const url = `/${path.relative(APP, dir).split(path.sep).join("/")}`;
    return AGENT_LIMITED_PATHS.has(url) || url === "/api/v1/hosts/remove" ? [] : [url];
  });
}

function leaksIn(text: string): string[] {
  return MARKERS.flatMap((marker) => text.match(marker)?.[0] ?? []);
}

type Finding = { where: string; markers: string[] };

/** Records every same-origin text response of the context (pages, RSC payloads, JSON). */
function recordResponses(context: BrowserContext, origin: string, findings: Finding[], seen: string[]): void {
  context.on("response", async (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin) return;
    if (url.pathname.startsWith("/_next/static")) return;
    const type = response.headers()["content-type"] ?? "";
    if (!/html|json|x-component|text\/plain/.test(type)) return;
    const body = await response.text().catch(() => "");
    seen.push(url.pathname);
    const markers = leaksIn(body);
    if (markers.length > 0)
      findings.push({ where: `${response.request().method()} ${url.pathname}`, markers });
  });
}

async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

async function visit(page: Page, pathname: string, findings: Finding[]): Promise<string[]> {
  const response = await page.goto(pathname);
  expect(response, pathname).not.toBeNull();
  expect(response?.headers()["content-security-policy"], pathname).toContain("'nonce-");
  await page.waitForLoadState("networkidle");
  const markers = leaksIn(await page.content());
  if (markers.length > 0) findings.push({ where: `page ${pathname}`, markers });
  return page
    .locator('a[href^="/"]')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
}

test("no page, payload or API answer carries a secret, and the CSP lets every page run", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const findings: Finding[] = [];
  const seen: string[] = [];
  const origin = new URL(baseURL ?? "http://localhost:3210").origin;
  recordResponses(page.context(), origin, findings, seen);
  const violations = await watchCsp(page);

  const queue = [...new Set(pagePaths())];
  const visited = new Set<string>();
  while (queue.length > 0 && visited.size < 60) {
    const next = queue.shift() as string;
    if (visited.has(next) || next.startsWith("/api/") || /log-?out|sign-?out/.test(next)) continue;
    visited.add(next);
    for (const link of await visit(page, next, findings)) if (!visited.has(link)) queue.push(link);
  }
  expect(visited.size).toBeGreaterThan(2);

  // Scripts ran under the policy: the user menu (a client component) opens.
  await page.goto("/");
  await page.getByTestId("user-menu").click();
  await expect(page.getByTestId("logout")).toBeVisible();
  await page.keyboard.press("Escape");

  for (const apiPath of [...apiGetPaths(), "/api/auth/session"]) {
    const answer = await page.request.get(`${baseURL}${apiPath}`);
    const markers = leaksIn(await answer.text());
    if (markers.length > 0) findings.push({ where: `GET ${apiPath}`, markers });
  }

  // The sign-in pages as a stranger sees them.
  const stranger = await page
    .context()
    .browser()
    ?.newContext({ storageState: { cookies: [], origins: [] } });
  if (stranger) {
    const strangerSeen: string[] = [];
    recordResponses(stranger, origin, findings, strangerSeen);
    const anonymous = await stranger.newPage();
    const anonymousViolations = await watchCsp(anonymous);
    for (const pathname of ["/login", "/setup", "/login/verify"]) await visit(anonymous, pathname, findings);
    violations.push(...anonymousViolations);
    await stranger.close();
  }

  expect(seen.length).toBeGreaterThan(visited.size - 1);
  expect(findings).toEqual([]);
  expect(violations).toEqual([]);
});
