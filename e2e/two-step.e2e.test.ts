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
import { authenticatorCode } from './support/two-step.ts';

/** The demo central administrator: the role must use two-step verification, and has not set it up yet. */
const ADMIN = 'admin@oscc.example';

const app = useAppUnderTest();

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
  await page.waitForURL('**/sign-in', { timeout: WAIT_MS });
  await visible(page.getByRole('heading', { level: 1, name: 'เข้าสู่ระบบ' }));
}

describe('two-step verification for a central administrator', () => {
  let context: BrowserContext;
  let page: Page;
  let secret = '';
  let usedCode = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 800 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('sends the administrator to the set-up page and nowhere else until it is done', async () => {
    await page.goto('/sign-in');
    await signIn(page, ADMIN, DEMO_PASSWORD);
    await page.waitForURL('**/two-step-setup', { timeout: WAIT_MS });
    await visible(page.getByRole('heading', { level: 1, name: 'ตั้งค่าการยืนยันตัวตนสองขั้นตอน' }));
    await visible(page.getByText('Google Authenticator', { exact: false }));
    const qr = await visible(page.getByRole('img', { name: /คิวอาร์โค้ด/ }));
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;utf8,/);
    expect(await qr.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    // No menu (every other page would be refused), but signing out stays possible.
    expect(await page.getByRole('navigation', { name: 'เมนูหลัก' }).count()).toBe(0);
    await visible(page.getByRole('button', { name: 'ออกจากระบบ' }));

    await page.goto('/units');
    await page.waitForURL('**/two-step-setup', { timeout: WAIT_MS });
    const secretText = await (await visible(page.locator('.secret'))).innerText();
    expect(secretText).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    secret = secretText.replace(/\s+/g, '');
    await screenshot(page, '11-two-step-setup');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('refuses a wrong code with the Thai message', async () => {
    const valid = new Set([-1, 0, 1].map((step) => authenticatorCode(secret, step)));
    const wrong = ['123456', '654321', '111111', '222222'].find((code) => !valid.has(code)) ?? '333333';
    await page.getByLabel('รหัส 6 หลักที่แอปแสดง').fill(wrong);
    await page.getByRole('button', { name: 'ยืนยันและเปิดใช้งาน' }).click();
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.innerText()).toContain('รหัสยืนยันตัวตนไม่ถูกต้อง');
  });

  it('shows the ten recovery codes once, with a warning, after the first right code', async () => {
    usedCode = authenticatorCode(secret);
    await page.getByLabel('รหัส 6 หลักที่แอปแสดง').fill(usedCode);
    await page.getByRole('button', { name: 'ยืนยันและเปิดใช้งาน' }).click();
    await visible(page.getByRole('heading', { name: 'รหัสสำรองของคุณ' }));
    await visible(page.getByText('เก็บรหัสสำรองเหล่านี้ไว้ในที่ปลอดภัย', { exact: false }));
    recoveryCodes = await page.getByRole('list', { name: 'รหัสสำรอง' }).getByRole('listitem').allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    await page.getByRole('button', { name: 'คัดลอกรหัสสำรอง' }).click();
    await visible(page.getByText('คัดลอกรหัสสำรองแล้ว'));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryCodes.join('\n'));
    await screenshot(page, '12-recovery-codes');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('opens the normal shell, with the users page, after "continue"', async () => {
    await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: WAIT_MS });
    const nav = page.getByRole('navigation', { name: 'เมนูหลัก' });
    await visible(nav.getByRole('link', { name: 'ผู้ใช้งาน' }));
    await visible(page.getByRole('heading', { name: /^สวัสดี / }));
    await screenshot(page, '13-admin-shell');

    await nav.getByRole('link', { name: 'ผู้ใช้งาน' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ผู้ใช้งาน' }));
    await visible(page.getByText(/^แสดง 1–\d+ จาก \d+$/));
    await visible(page.getByRole('link', { name: 'เพิ่มผู้ใช้งาน' }));
    await screenshot(page, '14-users');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('creates a user: field problems next to the inputs, then "invitation sent"', async () => {
    await page.getByRole('link', { name: 'เพิ่มผู้ใช้งาน' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'เพิ่มผู้ใช้งาน' }));
    await page.getByLabel('คำนำหน้าชื่อ').selectOption('นางสาว');
    await page.getByLabel('ชื่อ (ภาษาไทย)').fill('สมหญิง');
    await page.getByLabel('นามสกุล (ภาษาไทย)').fill('ใจดี');
    await page.getByLabel('ชื่อ (ภาษาอังกฤษ)').fill('Somying');
    await page.getByLabel('นามสกุล (ภาษาอังกฤษ)').fill('Jaidee');
    await page.getByLabel('ตำแหน่ง').fill('นักพัฒนาสังคมปฏิบัติการ');
    await page.getByLabel('วันเกิด').fill('12/03/2525');
    await page.getByLabel('เพศ').selectOption({ label: 'หญิง' });
    await page.getByLabel('โทรศัพท์มือถือ').fill('02-141-6827');
    await page.getByLabel('อีเมล').fill('somying.j@oscc.example');
    await page.getByLabel('ค้นหาหน่วยงาน').fill('ราชบุรี');
    const unit = page.getByLabel('หน่วยงาน', { exact: true });
    await page.waitForFunction(
      (select) => [...(select as HTMLSelectElement).options].some((option) => option.text.includes('ราชบุรี')),
      await unit.elementHandle(),
      { timeout: WAIT_MS },
    );
    const unitValue = await unit.evaluate(
      (select) => [...(select as HTMLSelectElement).options].find((option) => option.text.includes('ราชบุรี'))?.value,
    );
    await unit.selectOption(unitValue ?? '');
    await page.getByLabel('บทบาท', { exact: true }).selectOption({ label: 'ผู้ประสานงานระดับจังหวัด' });
    await page.getByLabel(/จังหวัดที่รับผิดชอบ/).selectOption({ label: 'ราชบุรี' });
    await page.getByRole('button', { name: 'เพิ่มและส่งอีเมลเชิญ' }).click();

    // A landline is not a mobile: the server says so, in Thai, next to the field.
    const mobile = page.getByLabel('โทรศัพท์มือถือ');
    await page.waitForFunction(
      (input) => input?.getAttribute('aria-invalid') === 'true',
      await mobile.elementHandle(),
      {
        timeout: WAIT_MS,
      },
    );
    const problemId = (await mobile.getAttribute('aria-describedby'))?.split(' ').at(-1) ?? '';
    expect(await page.locator(`[id="${problemId}"]`).innerText()).toContain('โทรศัพท์พื้นฐาน');
    await screenshot(page, '15-user-new-problem');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await mobile.fill('081-234-5678');
    await page.getByRole('button', { name: 'เพิ่มและส่งอีเมลเชิญ' }).click();
    await visible(page.getByText('ส่งอีเมลเชิญแล้ว', { exact: false }));
    await page.getByRole('button', { name: 'ดูข้อมูลผู้ใช้งาน' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'นางสาวสมหญิง ใจดี' }));
    await visible(page.getByText('รอตั้งรหัสผ่าน'));
    await visible(page.getByText('081-234-5678'));
    await visible(page.getByText('12 มี.ค. 2525', { exact: false }));
    await page.getByRole('button', { name: 'ส่งคำเชิญอีกครั้ง' }).click();
    await visible(page.getByText('ส่งอีเมลเชิญแล้ว'));
    await screenshot(page, '16-user-detail');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('asks for the code at the next sign-in and accepts a fresh one', async () => {
    await signOut(page);
    await signIn(page, ADMIN, DEMO_PASSWORD);
    const codeInput = await visible(page.getByLabel('รหัส 6 หลักจากแอปยืนยันตัวตน'));
    await visible(page.getByRole('heading', { name: 'รหัสยืนยันตัวตน' }));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('one-time-code');
    await screenshot(page, '17-sign-in-code');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // A code other than the one used at set-up: the next period's, which the server accepts for clock drift.
    const now = authenticatorCode(secret);
    await codeInput.fill(now === usedCode ? authenticatorCode(secret, 1) : now);
    await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
    // The shell opens (on the page the person was on before signing out).
    await visible(page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'ผู้ใช้งาน' }));
    expect(new URL(page.url()).pathname).not.toBe('/sign-in');
  });

  it('signs in on a phone with a recovery code, once', async () => {
    const phone = await app.newContext({ width: 375, height: 812, mobile: true });
    try {
      const phonePage = await phone.newPage();
      await phonePage.goto('/sign-in');
      await signIn(phonePage, ADMIN, DEMO_PASSWORD);
      const codeInput = await visible(phonePage.getByLabel('รหัส 6 หลักจากแอปยืนยันตัวตน'));
      expect(await hasNoHorizontalOverflow(phonePage)).toBe(true);
      await screenshot(phonePage, '18-phone-sign-in-code');
      await codeInput.fill(recoveryCodes[0] ?? '');
      await phonePage.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
      await phonePage.waitForURL((url) => url.pathname === '/', { timeout: WAIT_MS });

      await phonePage.getByRole('link', { name: 'ผู้ใช้งาน' }).click();
      await visible(phonePage.getByText(/^แสดง 1–\d+ จาก \d+$/));
      expect(await hasNoHorizontalOverflow(phonePage)).toBe(true);
      await screenshot(phonePage, '19-phone-users');
      await phonePage.getByRole('link', { name: 'เพิ่มผู้ใช้งาน' }).click();
      await visible(phonePage.getByLabel('ชื่อ (ภาษาไทย)'));
      expect(await hasNoHorizontalOverflow(phonePage)).toBe(true);
      await screenshot(phonePage, '20-phone-user-new');

      // The same recovery code does not work twice.
      await signOut(phonePage);
      await signIn(phonePage, ADMIN, DEMO_PASSWORD);
      await (await visible(phonePage.getByLabel('รหัส 6 หลักจากแอปยืนยันตัวตน'))).fill(recoveryCodes[0] ?? '');
      await phonePage.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
      expect(await (await visible(phonePage.getByRole('alert'))).innerText()).toContain('รหัสยืนยันตัวตนไม่ถูกต้อง');
    } finally {
      await phone.close();
    }
  });
});

describe('forgotten passwords and password links', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 800 });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('asks for the e-mail and gives the same answer whether or not it has an account', async () => {
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'ลืมรหัสผ่าน' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ลืมรหัสผ่าน' }));
    await page.getByLabel('อีเมล').fill('nobody@oscc.example');
    await page.getByRole('button', { name: 'ส่งลิงก์ตั้งรหัสผ่านใหม่' }).click();
    await visible(page.getByText('ถ้าอีเมลนี้มีบัญชีอยู่ เราได้ส่งลิงก์ตั้งรหัสผ่านใหม่ไปแล้ว', { exact: false }));
    await screenshot(page, '21-forgot-password');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('says in Thai when a link no longer works, and offers a new one', async () => {
    await page.goto(`/set-password?purpose=invitation&token=${'x'.repeat(43)}`);
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.innerText()).toContain('ลิงก์นี้ใช้ไม่ได้แล้ว');
    await visible(page.getByRole('link', { name: 'ขอลิงก์ตั้งรหัสผ่านใหม่' }));
    await screenshot(page, '22-set-password-link-invalid');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });
});
