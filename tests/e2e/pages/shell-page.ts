import { expect, type Locator, type Page } from "@playwright/test";

export type ThemeChoice = "light" | "dark" | "system";

/** The app shell (sidebar, header, theme menu) and the dashboard it shows at `/`. */
export class ShellPage {
  readonly html: Locator;
  readonly heading: Locator;
  readonly sidebar: Locator;
  readonly sidebarToggle: Locator;
  readonly header: Locator;
  readonly headerTitle: Locator;
  readonly themeToggle: Locator;
  readonly mobileNavTrigger: Locator;
  readonly mobileNav: Locator;
  readonly skipLink: Locator;
  readonly main: Locator;
  readonly emptyState: Locator;

  constructor(readonly page: Page) {
    this.html = page.locator("html");
    this.heading = page.getByTestId("page-heading");
    this.sidebar = page.getByTestId("app-sidebar");
    this.sidebarToggle = page.getByTestId("sidebar-toggle");
    this.header = page.getByTestId("app-header");
    this.headerTitle = page.getByTestId("header-title");
    this.themeToggle = page.getByTestId("theme-toggle");
    this.mobileNavTrigger = page.getByTestId("mobile-nav-trigger");
    this.mobileNav = page.getByTestId("mobile-nav");
    this.skipLink = page.getByTestId("skip-link");
    this.main = page.locator("main#main-content");
    this.emptyState = page.getByTestId("dashboard-empty-state");
  }

  async goto(path = "/") {
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
  }

  sidebarLink(testId: string): Locator {
    return this.sidebar.getByTestId(testId);
  }

  mobileLink(testId: string): Locator {
    return this.mobileNav.getByTestId(testId);
  }

  statCard(id: string): Locator {
    return this.page.getByTestId(`stat-${id}`);
  }

  statValue(id: string): Locator {
    return this.statCard(id).getByTestId("stat-value");
  }

  /** Reads a card's number, accepting thousands separators ("1,234"). */
  async statNumber(id: string): Promise<number> {
    const text = (await this.statValue(id).textContent()) ?? "";
    const value = Number(text.replaceAll(",", ""));
    expect(Number.isInteger(value), `stat-${id} shows a whole number, got "${text}"`).toBe(true);
    return value;
  }

  /** Picks a theme from the header menu, with the keyboard when asked, as an operator would. */
  async chooseTheme(theme: ThemeChoice, { keyboard = false } = {}) {
    if (keyboard) {
      await this.themeToggle.focus();
      await this.page.keyboard.press("Enter");
    } else {
      await this.themeToggle.click();
    }
    const item = this.page.getByTestId(`theme-${theme}`);
    await expect(item).toBeVisible();
    if (keyboard) {
      // Radix focuses the first item on open; arrow down to the wanted one.
      for (let step = 0; step < 3 && !(await item.evaluate((el) => el === document.activeElement)); step++) {
        await this.page.keyboard.press("ArrowDown");
      }
      await expect(item).toBeFocused();
      await this.page.keyboard.press("Enter");
    } else {
      await item.click();
    }
    await expect(item).toBeHidden();
  }
}
