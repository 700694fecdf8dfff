import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
export const DEMO_PASSWORD = 'oscc-demo-1300';
export const WAIT_MS = 15_000;

export async function newContext(
  browser: Browser,
  baseURL: string,
  options: { width: number; height: number; mobile?: boolean },
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: options.width, height: options.height },
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
    deviceScaleFactor: options.mobile ? 2 : 1,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
  });
}

export async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout: WAIT_MS });
  return locator;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Fonts load asynchronously; a screenshot before they arrive would show the fallback font.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** axe findings that block people (serious or critical), in a form that explains a failure. */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

export async function hasNoHorizontalOverflow(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
}

/** Waits until a select has loaded its options (the districts of a province arrive after it is chosen). */
export async function optionsLoaded(page: Page, select: Locator): Promise<void> {
  await page.waitForFunction(
    (element) => (element as HTMLSelectElement).options.length > 1,
    await select.elementHandle(),
    { timeout: WAIT_MS },
  );
}
