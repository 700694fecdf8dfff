import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type AxeBuilder from '@axe-core/playwright';
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

/**
 * Saves a full-page screenshot for people to look at. CI sets E2E_SCREENSHOTS=off: nobody looks at a throw-away
 * checkout's pictures, and the ~150 full-page captures cost most of a minute (the page still settles its fonts).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Fonts load asynchronously; a screenshot before they arrive would show the fallback font.
  await page.evaluate(() => document.fonts.ready);
  if (process.env.E2E_SCREENSHOTS === 'off') return;
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** The axe-core that @axe-core/playwright runs (its own dependency, so the two always agree on the version). */
const require = createRequire(import.meta.url);
const AXE_SOURCE = (createRequire(require.resolve('@axe-core/playwright'))('axe-core') as { source: string }).source;

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type AxeInThePage = { axe: { run(context: Document, options: object): Promise<AxeResults> } };

/**
 * axe findings that block people (serious or critical), in a form that explains a failure.
 *
 * All of axe's rules on the whole page, as AxeBuilder runs them in its legacy mode (axe.run in the page, with axe in
 * every frame), but axe is put into a page once rather than at every check, and only the violations are gathered:
 * AxeBuilder's default mode opens a blank page for every check and hands it every result (passes too), which made
 * a check take seconds. The pages have no frames from other origins, which only the default mode could check.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  for (const frame of page.frames()) {
    const inject = async () => {
      if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE_SOURCE);
    };
    // As AxeBuilder: a frame axe cannot get into is left out; the page itself must be checked.
    await (frame === page.mainFrame() ? inject() : inject().catch(() => undefined));
  }
  const results = await page.evaluate(
    (options) => (window as unknown as AxeInThePage).axe.run(document, options),
    // Passes and inapplicable rules are still checked; only their lists of elements are left out.
    { resultTypes: ['violations'] },
  );
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

/** Fills in and sends the sign-in page's form (the page must be open): for the tests of signing in itself. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
}

/**
 * Signs a demo account without two-step verification in (whoever was signed in in the page's context is
 * signed out first) and opens the home page, once its menu is shown. For tests about what comes after signing
 * in: the session is asked for as the sign-in page asks for it, through the API, which spares loading the app
 * twice and filling in the form (sign-in.e2e.test.ts tests the page itself, two-step.e2e.test.ts the second step).
 */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.context().clearCookies();
  const response = await page.request.post('/api/auth/sign-in', { data: { email, password } });
  const answer = (await response.json()) as { status?: string; secondFactor?: string };
  // Someone who must set up two-step verification first would find no menu (signInAndSetUpTwoStep is for them).
  if (response.status() !== 200 || answer.status !== 'signed_in' || answer.secondFactor === 'enrolment_required') {
    throw new Error(`${email} could not sign in straight away: ${response.status()} ${JSON.stringify(answer)}`);
  }
  await openHome(page);
}

/** Opens the home page of someone signed in, and waits for its main menu (in either language). */
export async function openHome(page: Page): Promise<void> {
  await page.goto('/');
  await visible(page.getByRole('navigation', { name: /^(เมนูหลัก|Main menu)$/ }));
}

/** Waits until a select has loaded its options (the districts of a province arrive after it is chosen). */
export async function optionsLoaded(page: Page, select: Locator): Promise<void> {
  await page.waitForFunction(
    (element) => (element as HTMLSelectElement).options.length > 1,
    await select.elementHandle(),
    { timeout: WAIT_MS },
  );
}

/**
 * The session's CSRF token as a header, for API calls a test makes through the page's request context (the web
 * app's own calls add it from the same cookie).
 */
export async function csrfHeaders(page: Page): Promise<Record<string, string>> {
  const cookie = (await page.context().cookies()).find((item) => item.name === 'oscc_csrf');
  return cookie ? { 'x-csrf-token': cookie.value } : {};
}
