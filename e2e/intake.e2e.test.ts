import { buddhistYear, thaiIdCheckDigit } from '@oscc/contract';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasNoHorizontalOverflow,
  screenshot,
  SCREENSHOTS,
  seriousAccessibilityProblems,
  visible,
  optionsLoaded,
  WAIT_MS,
  signInAs,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';

const CALL_TAKER = 'calltaker@oscc.example';
const SOCIAL_WORKER = 'socialworker@oscc.example';
/** The demo social worker of Ratchaburi (70), as staff know her. */
const SOCIAL_WORKER_NAME = 'สุภาพร วงศ์ไทย';
const HANDED_CALLER = '086 222 1300';
const CALLER = '089 555 1300';
const VICTIM_ID_FIRST12 = '110370012345';
const VICTIM_ID = `${VICTIM_ID_FIRST12}${thaiIdCheckDigit(VICTIM_ID_FIRST12)}`;
const WRONG_ID = `${VICTIM_ID_FIRST12}${(thaiIdCheckDigit(VICTIM_ID_FIRST12) + 1) % 10}`;

const app = useAppUnderTest();

/** Waits until the element has the keyboard focus. */
async function hasFocus(page: Page, locator: Locator): Promise<void> {
  await page.waitForFunction((element) => element === document.activeElement, await locator.elementHandle(), {
    timeout: WAIT_MS,
  });
}

async function openConsole(page: Page): Promise<void> {
  await signInAs(page, CALL_TAKER);
  await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'รับเรื่อง' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'รับเรื่อง' }));
}

describe('the hotline console for a call-taker', () => {
  let context: BrowserContext;
  let page: Page;
  const consoleProblems: string[] = [];
  let handedCaseNumber = '';

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 900 });
    page = await context.newPage();
    await openConsole(page);
    // From here on (the sign-in page's "no session yet" 401 is expected and not the console's).
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('records an advice call with the keyboard only: number, shortcut, summary, save', async () => {
    const phone = page.getByLabel('หมายเลขผู้โทร');
    await hasFocus(page, phone);
    await page.keyboard.type(CALLER);
    // Nine digits or more look the caller up: a first-time caller has no history.
    await visible(page.getByText('ไม่พบการติดต่อก่อนหน้าจากหมายเลขนี้'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
    expect(await page.getByRole('radio', { name: 'ให้คำปรึกษาแล้ว' }).isChecked()).toBe(true);
    await hasFocus(page, page.getByLabel('สรุปการสนทนาโดยย่อ'));
    await page.keyboard.type('สอบถามสิทธิ์เบี้ยยังชีพผู้สูงอายุ แนะนำให้ติดต่อเทศบาล');
    await page.keyboard.press('Control+Enter');

    await visible(page.getByRole('status').getByText('บันทึกการติดต่อแล้ว: ให้คำปรึกษาแล้ว'));
    // Ready for the next call: the form is empty and the number field has the focus.
    await hasFocus(page, phone);
    expect(await phone.inputValue()).toBe('');
    expect(await page.getByRole('radio', { name: 'ให้คำปรึกษาแล้ว' }).isChecked()).toBe(false);
    expect(consoleProblems).toEqual([]);
    await screenshot(page, 'intake-01-advice-saved');
  });

  it('records a crisis case in Ratchaburi and shows its number and the unit it went to', async () => {
    const phone = page.getByLabel('หมายเลขผู้โทร');
    await hasFocus(page, phone);
    await page.keyboard.type(CALLER);
    await visible(page.getByText('การติดต่อก่อนหน้า (1)'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('7');
    await visible(page.getByRole('heading', { name: 'รายละเอียดเรื่อง' }));
    await page.keyboard.type('ผู้แจ้งได้ยินเสียงทำร้ายร่างกายจากบ้านข้างเคียง');

    const types = page.getByRole('group', { name: 'ประเภทปัญหา' });
    await types.getByLabel('ความรุนแรงต่อเด็ก สตรี ผู้สูงอายุ และคนพิการ').check();
    await page.getByLabel('เหตุวิกฤต ต้องช่วยเหลือทันที').check();
    await page.getByRole('radio', { name: '4 อันตรายถึงชีวิต' }).check();

    const place = page.getByRole('group', { name: 'สถานที่เกิดเหตุ' });
    await place.getByLabel('จังหวัด').selectOption({ label: 'ราชบุรี' });
    await optionsLoaded(page, place.getByLabel('อำเภอ/เขต'));
    await place.getByLabel('อำเภอ/เขต').selectOption({ label: 'เมืองราชบุรี' });
    await optionsLoaded(page, place.getByLabel('ตำบล/แขวง'));
    await place.getByLabel('ตำบล/แขวง').selectOption({ label: 'หน้าเมือง' });
    await place.getByLabel('ที่อยู่หรือจุดสังเกต').fill('ซอยข้างตลาดหน้าเมือง บ้านหลังที่ 3');

    await page
      .getByLabel('รายละเอียดเหตุการณ์')
      .fill('เพื่อนบ้านได้ยินเสียงผู้หญิงร้องขอความช่วยเหลือทุกคืน วันนี้เห็นรอยฟกช้ำที่แขน ผู้ถูกทำร้ายยังอยู่ในบ้าน');
    await page.getByLabel('ความเกี่ยวข้องกับผู้ประสบปัญหา').selectOption({ label: 'เพื่อนบ้าน' });

    await page.getByRole('button', { name: 'เพิ่มผู้เกี่ยวข้อง' }).click();
    const person = page.getByRole('group', { name: 'ผู้เกี่ยวข้องคนที่ 1' });
    await hasFocus(page, person.getByLabel('บทบาท'));
    expect(await person.getByLabel('บทบาท').inputValue()).toBe('victim');
    await person.getByLabel('ชื่อ–นามสกุล').fill('นางสาวมะลิ ใจดี');
    await person.getByLabel('เอกสารแสดงตน').selectOption('thai_id');
    // A mistyped ID number is caught in the browser by its check digit.
    await person.getByLabel('เลขที่เอกสาร').fill(WRONG_ID);
    await person.getByLabel('อายุโดยประมาณ (ปี)').focus();
    await visible(person.getByText('เลขตรวจสอบหลักสุดท้ายไม่ตรง', { exact: false }));
    await person.getByLabel('เลขที่เอกสาร').fill(VICTIM_ID);
    await person.getByLabel('อายุโดยประมาณ (ปี)').fill('34');
    await person.getByLabel('เพศ').selectOption('female');
    expect(await person.getByText('เลขตรวจสอบหลักสุดท้ายไม่ตรง', { exact: false }).count()).toBe(0);
    await screenshot(page, 'intake-02-case-form');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'บันทึกเรื่องและส่งต่อ' }).click();
    const confirmation = page.getByRole('status').filter({ hasText: 'รับเรื่องแล้ว' });
    await visible(confirmation);
    const caseNumber = (await confirmation.getByTestId('case-number').innerText()).trim();
    expect(caseNumber).toMatch(new RegExp(`^${buddhistYear(new Date())}-\\d{6}$`));
    const routing = await confirmation.locator('.intake-routing').innerText();
    expect(routing).toMatch(/^ส่งต่อไปยัง \S+/);
    await hasFocus(page, page.getByLabel('หมายเลขผู้โทร'));
    expect(await page.getByLabel('รายละเอียดเหตุการณ์').count()).toBe(0);
    await screenshot(page, 'intake-03-case-confirmation');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The same caller again: the advice call and the case are in the history.
    await page.keyboard.type(CALLER);
    const history = page.getByRole('region', { name: 'ประวัติของหมายเลขนี้' });
    await visible(history.getByText('การติดต่อก่อนหน้า (2)'));
    await visible(history.getByText('ให้คำปรึกษาแล้ว'));
    await visible(history.getByText('รับเป็นเรื่อง'));
    await visible(history.getByText(`เรื่อง ${caseNumber}`, { exact: false }));
    await screenshot(page, 'intake-04-history');
    expect(consoleProblems).toEqual([]);
  });

  it('hands a case in Ratchaburi to the social worker who covers it, and names them in the confirmation', async () => {
    await page.getByLabel('หมายเลขผู้โทร').fill('');
    await page.getByLabel('หมายเลขผู้โทร').focus();
    await page.keyboard.type(HANDED_CALLER);
    await page.keyboard.press('Enter');
    await page.keyboard.press('7');
    await visible(page.getByRole('heading', { name: 'รายละเอียดเรื่อง' }));
    await page.getByRole('group', { name: 'ประเภทปัญหา' }).getByLabel('การตั้งครรภ์ไม่พร้อม', { exact: false }).check();

    // Before the place is chosen there is nobody to list.
    const handOver = page.getByRole('group', { name: 'ส่งต่อนักสังคมสงเคราะห์' });
    const worker = handOver.getByLabel('นักสังคมสงเคราะห์ที่รับเรื่อง', { exact: true });
    await visible(handOver.getByText('เลือกจังหวัดที่เกิดเหตุก่อน', { exact: false }));
    expect(await worker.isDisabled()).toBe(true);

    const place = page.getByRole('group', { name: 'สถานที่เกิดเหตุ' });
    await place.getByLabel('จังหวัด').selectOption({ label: 'ราชบุรี' });
    await optionsLoaded(page, worker);
    const option = worker.locator('option', { hasText: SOCIAL_WORKER_NAME });
    expect(await option.innerText()).toMatch(/เรื่องที่ดูแลอยู่ \d+ เรื่อง/);
    await worker.selectOption((await option.getAttribute('value')) ?? '');
    // A district picked afterwards (the same province) keeps the choice.
    await optionsLoaded(page, place.getByLabel('อำเภอ/เขต'));
    await place.getByLabel('อำเภอ/เขต').selectOption({ label: 'เมืองราชบุรี' });
    await page.waitForFunction((element) => !(element as HTMLSelectElement).disabled, await worker.elementHandle(), {
      timeout: WAIT_MS,
    });
    expect(await worker.inputValue()).toBe(await option.getAttribute('value'));
    await page.getByLabel('รายละเอียดเหตุการณ์').fill('นักเรียนหญิงอายุ 15 ปี ตั้งครรภ์ ครอบครัวไม่ทราบ ต้องการคำปรึกษา');
    await screenshot(page, 'intake-08-hand-over');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.keyboard.press('Control+Enter');
    const confirmation = page.getByRole('status').filter({ hasText: 'รับเรื่องแล้ว' });
    await visible(confirmation);
    handedCaseNumber = (await confirmation.getByTestId('case-number').innerText()).trim();
    expect((await confirmation.getByTestId('handed-to').innerText()).trim()).toBe(
      `ส่งต่อนักสังคมสงเคราะห์ ${SOCIAL_WORKER_NAME}`,
    );
    await hasFocus(page, page.getByLabel('หมายเลขผู้โทร'));
    await screenshot(page, 'intake-09-handed-confirmation');
    expect(consoleProblems).toEqual([]);
  });

  it('shows the social worker the case in their own queue, and on the case page', async () => {
    expect(handedCaseNumber).not.toBe('');
    for (const [viewport, suffix] of [
      [{ width: 1280, height: 900 }, 'desktop'],
      [{ width: 375, height: 812, mobile: true }, 'phone'],
    ] as const) {
      const workerContext = await app.newContext(viewport);
      try {
        const workerPage = await workerContext.newPage();
        await signInAs(workerPage, SOCIAL_WORKER);
        await workerPage.goto('/cases/screening');
        await workerPage.getByRole('button', { name: 'เรื่องที่ได้รับมอบหมาย' }).click();
        await visible(workerPage.getByRole('heading', { name: 'เรื่องที่ส่งต่อมาให้คุณ' }));
        expect(new URL(workerPage.url()).searchParams.get('queue')).toBe('mine');
        const row = workerPage.getByRole('row').filter({ hasText: handedCaseNumber });
        await visible(row);
        await visible(row.getByText(SOCIAL_WORKER_NAME));
        expect(await hasNoHorizontalOverflow(workerPage)).toBe(true);
        await screenshot(workerPage, `intake-10-mine-queue-${suffix}`);
        expect(await seriousAccessibilityProblems(workerPage)).toEqual([]);

        await row.getByRole('link', { name: handedCaseNumber }).click();
        await visible(workerPage.getByRole('heading', { level: 1, name: `เรื่อง ${handedCaseNumber}` }));
        expect((await workerPage.getByTestId('case-assignee').innerText()).trim()).toBe(SOCIAL_WORKER_NAME);
        await screenshot(workerPage, `intake-11-handed-case-${suffix}`);
      } finally {
        await workerContext.close();
      }
    }
  });
});

describe('the hotline console on a phone', () => {
  it('fits the screen without sideways scrolling, with the case form open', async () => {
    const context = await app.newContext({ width: 375, height: 812, mobile: true });
    try {
      const page = await context.newPage();
      await signInAs(page, CALL_TAKER);
      await page.goto('/intake');
      await visible(page.getByRole('heading', { level: 1, name: 'รับเรื่อง' }));
      await page.getByRole('radio', { name: 'รับเป็นเรื่อง' }).check();
      await page.getByRole('button', { name: 'เพิ่มผู้เกี่ยวข้อง' }).click();
      await visible(page.getByRole('group', { name: 'ผู้เกี่ยวข้องคนที่ 1' }));
      await visible(page.getByText('เร่งด่วน').first());
      await page.getByRole('group', { name: 'สถานที่เกิดเหตุ' }).getByLabel('จังหวัด').selectOption({ label: 'ราชบุรี' });
      await optionsLoaded(page, page.getByLabel('นักสังคมสงเคราะห์ที่รับเรื่อง', { exact: true }));
      expect(await hasNoHorizontalOverflow(page)).toBe(true);
      await screenshot(page, 'intake-05-phone');
      // What the call-taker sees on the screen itself, at the top and at the people involved.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOTS}intake-06-phone-top.png` });
      await page.getByRole('group', { name: 'ผู้เกี่ยวข้องคนที่ 1' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}intake-07-phone-people.png` });
      await page.getByRole('group', { name: 'ส่งต่อนักสังคมสงเคราะห์' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}intake-12-phone-hand-over.png` });
    } finally {
      await context.close();
    }
  });
});
