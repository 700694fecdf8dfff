import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  hasNoHorizontalOverflow,
  screenshot,
  seriousAccessibilityProblems,
  signIn,
  visible,
  WAIT_MS,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';

const COORDINATOR = 'coordinator@oscc.example';

const app = useAppUnderTest();

function newContext(options: { width: number; height: number; mobile?: boolean }): Promise<BrowserContext> {
  return app.newContext(options);
}

describe('signing in and the app shell', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext({ width: 1280, height: 800 });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('sends a visitor who is not signed in to a Thai, accessible sign-in page', async () => {
    await page.goto('/');
    await page.waitForURL('**/sign-in', { timeout: WAIT_MS });
    await visible(page.getByRole('heading', { level: 1, name: 'เข้าสู่ระบบ' }));
    expect(await page.getAttribute('html', 'lang')).toBe('th');
    expect(await page.title()).toContain('OSCC');
    await visible(page.getByRole('button', { name: 'English' }));
    // The page must render in the bundled Sarabun, not a system fallback.
    const fontFamily = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(fontFamily).toMatch(/^"?Sarabun/);
    expect(await page.evaluate(() => document.fonts.check('16px Sarabun', 'เข้าสู่ระบบ'))).toBe(true);
    await screenshot(page, '01-sign-in');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('shows the Thai message for a wrong password', async () => {
    await signIn(page, 'calltaker@oscc.example', 'not-the-password');
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.innerText()).toContain('อีเมลหรือรหัสผ่านไม่ถูกต้อง');
    await screenshot(page, '02-sign-in-error');
  });

  it('can be used with the keyboard alone', async () => {
    await page.getByLabel('อีเมล').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(COORDINATOR);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('current-password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/', { timeout: WAIT_MS });
  });

  it('shows the Thai shell with the person, their role and only the pages they may use', async () => {
    const nav = page.getByRole('navigation', { name: 'เมนูหลัก' });
    await visible(nav.getByRole('link', { name: 'หน้าแรก' }));
    expect(await nav.getByRole('link', { name: 'หน้าแรก' }).getAttribute('aria-current')).toBe('page');
    await visible(nav.getByRole('link', { name: 'พื้นที่' }));
    await visible(nav.getByRole('link', { name: 'หน่วยงาน', exact: true }));
    // The coordinator may not read system configuration, so the API docs link is not offered.
    expect(await nav.getByRole('link', { name: 'คู่มือ API' }).count()).toBe(0);

    const header = page.getByRole('banner');
    await visible(header.getByText('ศูนย์ช่วยเหลือสังคม OSCC 1300'));
    await visible(header.getByText('นางอรุณี ทองคำ'));
    await visible(header.getByText('ผู้ประสานงานระดับจังหวัด', { exact: false }));
    await visible(page.getByRole('button', { name: 'ออกจากระบบ' }));

    const main = page.getByRole('main');
    await visible(main.getByRole('heading', { name: 'สวัสดี นางอรุณี ทองคำ' }));
    // Session expiry and today's date in the Buddhist era (25xx).
    expect(await main.innerText()).toMatch(/หมดอายุ \d{1,2} \S+ 25\d\d \d{2}:\d{2}/);
    expect(await main.innerText()).toMatch(/วันนี้ \d{1,2} \S+ 25\d\d/);
    await screenshot(page, '03-shell-th');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('finds a place by search and by cascading choices', async () => {
    await page.getByRole('link', { name: 'พื้นที่' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'พื้นที่' }));
    expect(await page.getByRole('link', { name: 'พื้นที่' }).getAttribute('aria-current')).toBe('page');

    await page.getByLabel('ชื่อพื้นที่หรือรหัสไปรษณีย์').fill('บ้านโป่งราชบุรี');
    await visible(page.getByText('อำเภอบ้านโป่ง จังหวัดราชบุรี', { exact: true }));

    await page.getByLabel('จังหวัด', { exact: true }).selectOption({ label: 'ราชบุรี' });
    const district = page.getByLabel('อำเภอ/เขต');
    await page.waitForFunction(
      (select) => (select as HTMLSelectElement).options.length > 1,
      await district.elementHandle(),
      { timeout: WAIT_MS },
    );
    await district.selectOption({ label: 'บ้านโป่ง' });
    const subdistrict = page.getByLabel('ตำบล/แขวง');
    await page.waitForFunction(
      (select) => (select as HTMLSelectElement).options.length > 1,
      await subdistrict.elementHandle(),
      { timeout: WAIT_MS },
    );
    await subdistrict.selectOption({ label: 'บ้านโป่ง (70110)' });
    await visible(page.locator('.selected-place').getByText('70110'));
    await screenshot(page, '04-geography');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('lists agencies and pages through units on the server', async () => {
    await page.getByRole('link', { name: 'หน่วยงาน', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'หน่วยงาน' }));
    await visible(page.getByText(/^แสดง 1–25 จาก \d+$/));
    await page.getByRole('button', { name: 'ถัดไป' }).click();
    await visible(page.getByText(/^แสดง 26–50 จาก \d+$/));
    await page.getByLabel('ค้นหาชื่อหรือรหัสหน่วยงาน').fill('ราชบุรี');
    await visible(page.getByText(/^แสดง 1–\d+ จาก \d+$/));
    await screenshot(page, '05-units');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('switches to English and remembers the choice', async () => {
    await page.getByRole('link', { name: 'หน้าแรก' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await visible(nav.getByRole('link', { name: 'Home' }));
    await visible(nav.getByRole('link', { name: 'Geography' }));
    await visible(nav.getByRole('link', { name: 'Units' }));
    await visible(page.getByRole('banner').getByText('Arunee Thongkham'));
    await visible(page.getByRole('banner').getByText('Province coordinator', { exact: false }));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('main').innerText()).toMatch(/Expires \d{1,2} \w+ 25\d\d/);
    await screenshot(page, '06-shell-en');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.reload();
    await visible(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Home' }));
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await visible(page.getByRole('navigation', { name: 'เมนูหลัก' }));
    expect(await page.getAttribute('html', 'lang')).toBe('th');
  });

  it('signs out to the sign-in page, and the shell is closed afterwards', async () => {
    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await page.waitForURL('**/sign-in', { timeout: WAIT_MS });
    await visible(page.getByRole('heading', { level: 1, name: 'เข้าสู่ระบบ' }));
    await page.goto('/units');
    await page.waitForURL('**/sign-in', { timeout: WAIT_MS });
  });
});

describe('on a phone', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext({ width: 390, height: 844, mobile: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('fits the screen without sideways scrolling on every page', async () => {
    await page.goto('/sign-in');
    await visible(page.getByRole('heading', { level: 1, name: 'เข้าสู่ระบบ' }));
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, '07-phone-sign-in');

    await signIn(page, COORDINATOR, DEMO_PASSWORD);
    await visible(page.getByRole('heading', { name: 'สวัสดี นางอรุณี ทองคำ' }));
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, '08-phone-home');

    await page.getByRole('link', { name: 'พื้นที่' }).click();
    await page.getByLabel('ชื่อพื้นที่หรือรหัสไปรษณีย์').fill('บ้านโป่งราชบุรี');
    await visible(page.getByText('อำเภอบ้านโป่ง จังหวัดราชบุรี', { exact: true }));
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, '09-phone-geography');

    await page.getByRole('link', { name: 'หน่วยงาน', exact: true }).click();
    await visible(page.getByText(/^แสดง 1–25 จาก \d+$/));
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, '10-phone-units');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });
});
