import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  hasNoHorizontalOverflow,
  screenshot,
  seriousAccessibilityProblems,
  visible,
  WAIT_MS,
  signInAs,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';
import { signInAndSetUpTwoStep } from './support/two-step.ts';

const app = useAppUnderTest();

/** The holiday calendar: read by everyone, kept by the national administrator. */
describe('the public holiday calendar', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 900 });
    page = await context.newPage();
    await signInAndSetUpTwoStep(page, 'admin@oscc.example', DEMO_PASSWORD);
  });
  afterAll(async () => context?.close());

  it('shows the year in B.E. from the procedures page, with the lunar dates still to be checked', async () => {
    await page.goto('/procedures');
    await page.getByRole('link', { name: 'ปฏิทินวันหยุดราชการที่ใช้นับวันทำการ' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ปฏิทินวันหยุดราชการ' }));
    await page.getByLabel('ปี พ.ศ.', { exact: true }).selectOption({ label: '2569' });
    const list = page.getByRole('region', { name: /วันหยุดปี พ\.ศ\. 2569/ });
    await visible(list.getByRole('rowheader', { name: /13 เมษายน 2569/ }));
    await visible(page.getByText(/วันหยุดตามจันทรคติ \d+ วันที่ยังไม่ได้ยืนยัน/));
    // 5 December 2026 is a Saturday: Monday 7 December is the substitution day.
    await visible(list.getByRole('row', { name: /7 ธันวาคม 2569.*วันหยุดชดเชย/ }));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'holidays-01-year');
  });

  it('confirms a lunar date, adds a Cabinet special holiday and removes it again', async () => {
    const makha = page.getByRole('row', { name: /3 มีนาคม 2569/ });
    await expect(makha.getByText('รอตรวจสอบกับประกาศ').count()).resolves.toBe(1);
    await makha.getByRole('button', { name: /ยืนยันวันที่/ }).click();
    await visible(page.getByRole('status').getByText('บันทึกวันหยุด 3 มีนาคม 2569 แล้ว'));
    await visible(makha.getByText('ยืนยันแล้ว'));

    // Nothing typed: the form says what is missing and saves nothing.
    await page.getByRole('button', { name: 'บันทึกวันหยุด' }).click();
    await visible(page.getByText('กรุณาระบุวันที่'));
    await page.getByLabel('วันที่', { exact: true }).fill('2026-12-30');
    await page.getByLabel('ชื่อวันหยุด (ภาษาไทย)').fill('วันหยุดพิเศษตามมติคณะรัฐมนตรี');
    await page.getByLabel('ชื่อวันหยุด (ภาษาอังกฤษ)').fill('Special holiday by Cabinet resolution');
    await page.getByRole('button', { name: 'บันทึกวันหยุด' }).click();
    const special = page.getByRole('row', { name: /30 ธันวาคม 2569/ });
    await visible(special.getByText('วันหยุดพิเศษตามมติคณะรัฐมนตรี'));
    await screenshot(page, 'holidays-02-added');

    await special.getByRole('button', { name: /^ลบ/ }).click();
    await special.getByRole('button', { name: 'ยืนยันการลบวันหยุดนี้' }).click();
    await visible(page.getByRole('status').getByText('ลบวันหยุด 30 ธันวาคม 2569 แล้ว'));
    // The message can come a moment before the list is read again: wait for the row to go, then count.
    await page.getByRole('row', { name: /30 ธันวาคม 2569/ }).waitFor({ state: 'detached', timeout: WAIT_MS });
    await expect(page.getByRole('row', { name: /30 ธันวาคม 2569/ }).count()).resolves.toBe(0);
  });

  it('is read-only for a province coordinator, and fits a phone', async () => {
    const phone = await app.newContext({ width: 390, height: 844, mobile: true });
    const reader = await phone.newPage();
    await signInAs(reader, 'coordinator@oscc.example');
    await reader.goto('/holidays');
    await visible(reader.getByRole('heading', { level: 1, name: 'ปฏิทินวันหยุดราชการ' }));
    await visible(reader.getByText(/วันขึ้นปีใหม่/).first());
    // The coordinator manages units in the province, not the national calendar: no form to change it.
    expect(await reader.getByRole('button', { name: 'บันทึกวันหยุด' }).count()).toBe(0);
    expect(await hasNoHorizontalOverflow(reader)).toBe(true);
    await screenshot(reader, 'holidays-03-phone');
    await phone.close();
  });
});
