import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  hasNoHorizontalOverflow,
  optionsLoaded,
  screenshot,
  seriousAccessibilityProblems,
  visible,
  WAIT_MS,
  signInAs,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';
import { signInAndSetUpTwoStep } from './support/two-step.ts';

/** The demo central administrator: organisations.manage nation-wide; must set up two-step first. */
const ADMIN = 'admin@oscc.example';
/** The coordinator of Ratchaburi: reads and manages units in the province only. */
const COORDINATOR = 'coordinator@oscc.example';
/** A problem type no demo unit takes, so nothing can be routed to a unit for it. */
const NEW_TYPE = { code: 'online_gambling', nameTh: 'การพนันออนไลน์', nameEn: 'Online gambling' };
const LABOUR_OFFICE = 'สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัดราชบุรี';

const app = useAppUnderTest();

function menu(page: Page) {
  return page.getByRole('navigation', { name: 'เมนูหลัก' });
}

function problemTypeRow(page: Page, nameTh: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: nameTh, exact: true }) });
}

describe('routing rules for the central administrator', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 900 });
    page = await context.newPage();
    await signInAndSetUpTwoStep(page, ADMIN, DEMO_PASSWORD);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('lists the problem types with their lead ministries', async () => {
    await menu(page).getByRole('link', { name: 'ประเภทปัญหา' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ประเภทปัญหา' }));
    const labour = problemTypeRow(page, 'การใช้แรงงานเด็ก');
    await visible(labour.getByText('กระทรวงแรงงาน', { exact: true }));
    await visible(labour.getByText('เร่งด่วน', { exact: true }));
    await visible(labour.getByText('child_labour'));
    await visible(problemTypeRow(page, 'ปัญหาสังคมอื่น ๆ').getByText('ไม่มีกระทรวงหลัก'));
  });

  it('adds a problem type: checks the form first, then saves it with a lead ministry', async () => {
    await page.getByRole('button', { name: 'เพิ่มประเภทปัญหา' }).click();
    await visible(page.getByRole('heading', { level: 3, name: 'เพิ่มประเภทปัญหาใหม่' }));
    // The heading takes focus, so a screen reader hears what opened.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('เพิ่มประเภทปัญหาใหม่');

    const form = page.getByRole('form', { name: 'เพิ่มประเภทปัญหาใหม่' });
    await form.getByRole('button', { name: 'บันทึกประเภทปัญหาใหม่' }).click();
    await visible(form.getByText('กรุณาแก้ไขข้อมูลที่ระบุด้านล่าง'));
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true', null, {
      timeout: WAIT_MS,
    });

    await form.getByLabel('ชื่อภาษาไทย').fill(NEW_TYPE.nameTh);
    await form.getByLabel('ชื่อภาษาอังกฤษ').fill(NEW_TYPE.nameEn);
    await form.getByLabel('รหัส', { exact: false }).first().fill('online-gambling');
    await form.getByRole('button', { name: 'บันทึกประเภทปัญหาใหม่' }).click();
    await visible(form.getByText('รหัสต้องเป็นภาษาอังกฤษตัวเล็ก ตัวเลข หรือ _'));

    // Capitals are made lower case as they are typed.
    await form.getByRole('textbox', { name: /^รหัส/ }).fill('Online_Gambling');
    expect(await form.getByRole('textbox', { name: /^รหัส/ }).inputValue()).toBe(NEW_TYPE.code);
    await form.getByLabel('กระทรวงหลัก').selectOption({ label: 'สำนักงานตำรวจแห่งชาติ' });
    await screenshot(page, 'routing-01-new-problem-type');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await form.getByRole('button', { name: 'บันทึกประเภทปัญหาใหม่' }).click();

    await visible(page.getByText(`เพิ่มประเภทปัญหา “${NEW_TYPE.nameTh}” แล้ว`));
    const row = problemTypeRow(page, NEW_TYPE.nameTh);
    await visible(row.getByText(NEW_TYPE.code));
    await visible(row.getByText('สำนักงานตำรวจแห่งชาติ'));
    await visible(row.getByText('ใช้งาน', { exact: true }));
  });

  it('refuses a code that is already used, next to the code field', async () => {
    await page.getByRole('button', { name: 'เพิ่มประเภทปัญหา' }).click();
    const form = page.getByRole('form', { name: 'เพิ่มประเภทปัญหาใหม่' });
    await form.getByLabel('ชื่อภาษาไทย').fill('ซ้ำ');
    await form.getByLabel('ชื่อภาษาอังกฤษ').fill('Duplicate');
    await form.getByRole('textbox', { name: /^รหัส/ }).fill(NEW_TYPE.code);
    await form.getByRole('button', { name: 'บันทึกประเภทปัญหาใหม่' }).click();
    const code = form.getByRole('textbox', { name: /^รหัส/ });
    await page.waitForFunction(
      (element) => element?.getAttribute('aria-invalid') === 'true',
      await code.elementHandle(),
      { timeout: WAIT_MS },
    );
    const message = await form.locator('.field-error').first().innerText();
    expect(message).toMatch(/[ก-๙]/);
    await form.getByRole('button', { name: 'ยกเลิก' }).click();
    await page.getByRole('form').waitFor({ state: 'detached', timeout: WAIT_MS });
  });

  it("edits the new type's lead ministry and marks it urgent", async () => {
    await page.getByRole('button', { name: `แก้ไข ${NEW_TYPE.nameTh}`, exact: true }).click();
    const heading = `แก้ไขประเภทปัญหา: ${NEW_TYPE.nameTh}`;
    await visible(page.getByRole('heading', { level: 3, name: heading }));
    const form = page.getByRole('form', { name: heading });
    // The code is shown, not editable.
    expect(await form.getByRole('textbox', { name: /^รหัส/ }).count()).toBe(0);
    await form.getByLabel('กระทรวงหลัก').selectOption({ label: 'กระทรวงมหาดไทย' });
    await form.getByLabel('เป็นเรื่องเร่งด่วน').check();
    await form.getByRole('button', { name: 'บันทึก', exact: true }).click();

    await visible(page.getByText(`บันทึกประเภทปัญหา “${NEW_TYPE.nameTh}” แล้ว`));
    const row = problemTypeRow(page, NEW_TYPE.nameTh);
    await visible(row.getByText('กระทรวงมหาดไทย'));
    await visible(row.getByText('เร่งด่วน', { exact: true }));
    await page.reload();
    await visible(problemTypeRow(page, NEW_TYPE.nameTh).getByText('กระทรวงมหาดไทย'));
    await screenshot(page, 'routing-02-problem-types');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('previews routing for child labour in Ratchaburi: the labour office, as the lead ministry’s unit', async () => {
    // Opened by its address: other work may rebuild the app meanwhile, and a page loaded before that would ask
    // for code-split files that are gone.
    expect(await menu(page).getByRole('link', { name: 'ทดสอบการส่งต่อ' }).getAttribute('href')).toBe('/routing');
    await page.goto('/routing');
    await visible(page.getByRole('heading', { level: 1, name: 'ทดสอบการส่งต่อ' }));
    await visible(page.getByText('กฎการส่งต่อทำงานอย่างไร'));
    expect(await page.getByRole('link', { name: 'ไปที่หน้าหน่วยงาน' }).getAttribute('href')).toBe('/units');

    // Asking without a problem type or a province points at what is missing.
    await page.getByRole('button', { name: 'ดูผลการส่งต่อ' }).click();
    await visible(page.getByText('กรุณาเลือกประเภทปัญหา'));
    await visible(page.getByText('กรุณาเลือกจังหวัด'));

    await page.getByLabel('ประเภทปัญหา').selectOption({ label: 'การใช้แรงงานเด็ก' });
    await page.getByLabel('จังหวัด').selectOption({ label: 'ราชบุรี' });
    await optionsLoaded(page, page.getByLabel('อำเภอ/เขต'));
    await page.getByLabel('อำเภอ/เขต').selectOption({ label: 'เมืองราชบุรี' });
    await page.getByRole('button', { name: 'ดูผลการส่งต่อ' }).click();

    const decision = page.getByTestId('routing-decision');
    await visible(decision.getByText('ส่งต่อไปที่'));
    await visible(decision.getByRole('link', { name: LABOUR_OFFICE }));
    await visible(decision.getByText('ระดับจังหวัด — จังหวัดราชบุรี'));
    await visible(decision.getByText('เป็นหน่วยงานของกระทรวงหลักของปัญหานี้'));
    await page.waitForURL((url) => url.searchParams.get('area') === '7001', { timeout: WAIT_MS });

    const candidates = page.getByRole('region', { name: /^หน่วยงานที่เข้าเกณฑ์ \(\d+\)$/ });
    const first = candidates.getByRole('row').nth(1);
    await visible(first.getByRole('link', { name: LABOUR_OFFICE }));
    await visible(first.getByText('ได้รับเรื่อง'));
    await visible(candidates.getByRole('link', { name: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดราชบุรี' }));
    await screenshot(page, 'routing-03-preview');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await first.getByRole('link', { name: LABOUR_OFFICE }).click();
    await visible(page.getByRole('heading', { level: 1, name: LABOUR_OFFICE }));
    expect(new URL(page.url()).pathname).toMatch(/^\/units\/[0-9a-f-]{36}$/);
    await page.goBack();
    await visible(page.getByTestId('routing-decision').getByRole('link', { name: LABOUR_OFFICE }));
  });

  it('sends a problem no unit takes to the central triage queue', async () => {
    // The type added above is in the list straight away: saving refreshed the shared list.
    await page.getByLabel('ประเภทปัญหา').selectOption({ label: NEW_TYPE.nameTh });
    await page.getByLabel('เป็นเรื่องวิกฤต').check();
    await page.getByRole('button', { name: 'ดูผลการส่งต่อ' }).click();
    const decision = page.getByTestId('routing-decision');
    await visible(decision.getByText('ส่งเข้าคิวคัดกรองส่วนกลาง'));
    await visible(page.getByText('หน่วยงานที่เข้าเกณฑ์ (0)'));
    await visible(page.getByText('ไม่มีหน่วยงานที่เข้าเกณฑ์'));
    await screenshot(page, 'routing-04-triage');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });
});

describe('routing rules on a phone', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await app.newContext({ width: 390, height: 844, mobile: true });
    page = await context.newPage();
    await signInAs(page, COORDINATOR);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('fits the routing preview and its answer on the screen, from a shared address', async () => {
    await page.goto('/routing?problem=domestic_violence&area=7001&crisis=1&at=2026-12-05T23:30');
    const decision = page.getByTestId('routing-decision');
    await visible(decision.getByText('ส่งต่อไปที่'));
    expect(await page.getByLabel('เป็นเรื่องวิกฤต').isChecked()).toBe(true);
    expect(await page.getByLabel('วันและเวลา').inputValue()).toBe('2026-12-05T23:30');
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'routing-05-phone-preview');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('shows the problem types to a province coordinator, and why only nation-wide administrators may change them', async () => {
    await page.goto('/problem-types');
    await visible(problemTypeRow(page, 'ความรุนแรงในครอบครัว'));
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'routing-06-phone-problem-types');

    await page.getByRole('button', { name: 'แก้ไข คนพิการ', exact: true }).click();
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.innerText()).toContain('ประเภทปัญหาแก้ไขได้เฉพาะผู้ดูแลระบบระดับประเทศ');
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
  });
});
