import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  hasNoHorizontalOverflow,
  screenshot,
  seriousAccessibilityProblems,
  visible,
  WAIT_MS,
  csrfHeaders,
  signInAs,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';
import { signInAndSetUpTwoStep } from './support/two-step.ts';

/** The demo central administrator: `procedures.manage`; must set up two-step first. */
const ADMIN = 'admin@oscc.example';
/** A call-taker: reads procedures and the cases of the province, changes no procedure. */
const CALL_TAKER = 'calltaker@oscc.example';
const ORDER_PROBLEM = 'หลังยุติการให้บริการมีได้เฉพาะการติดตามผล';

const app = useAppUnderTest();

function menu(page: Page) {
  return page.getByRole('navigation', { name: 'เมนูหลัก' });
}

/** The card of one problem type's procedure (or the generic one), found by its heading. */
function procedureCard(page: Page, heading: string): Locator {
  return page
    .locator('section.procedure-group')
    .filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) });
}

function stepItem(list: Locator, name: string): Locator {
  return list.locator('li.procedure-step').filter({ has: list.page().getByRole('heading', { name, exact: true }) });
}

describe('procedures for the central administrator', () => {
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

  it('shows the trafficking procedure: identification within 7 days by the multidisciplinary team', async () => {
    expect(await menu(page).getByRole('link', { name: 'แนวทางการปฏิบัติ' }).getAttribute('href')).toBe('/procedures');
    await page.goto('/procedures');
    await visible(page.getByRole('heading', { level: 1, name: 'แนวทางการปฏิบัติ' }));

    const trafficking = procedureCard(page, 'การค้ามนุษย์');
    await visible(trafficking.getByText('แนวทางการปฏิบัติ การค้ามนุษย์'));
    const identification = stepItem(trafficking, 'คัดแยกเหยื่อโดยทีมสหวิชาชีพ');
    await visible(identification.getByText('7 วัน', { exact: true }));
    await visible(identification.getByText('ทีมสหวิชาชีพ', { exact: true }));
    await visible(stepItem(trafficking, 'คุ้มครองชั่วคราว').getByText('24 ชั่วโมง', { exact: true }));
    await visible(stepItem(trafficking, 'ยุติการให้บริการ').getByText('ต้องได้รับอนุมัติจากหัวหน้า'));

    const generic = procedureCard(page, 'แนวทางทั่วไป');
    await visible(stepItem(generic, 'ติดต่อผู้ประสบปัญหาครั้งแรก').getByText('3 วัน (วิกฤต 24 ชั่วโมง)'));
    await visible(stepItem(generic, 'ประเมินและวางแผนการช่วยเหลือ').getByText('7 วันทำการ'));
    await screenshot(page, 'procedures-01-list');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('checks the order of a new generic version as it is edited, and saves nothing while it is wrong', async () => {
    const generic = procedureCard(page, 'แนวทางทั่วไป');
    await generic.getByRole('button', { name: 'สร้างฉบับใหม่ แนวทางทั่วไป' }).click();
    const form = page.getByRole('form', { name: 'สร้างฉบับใหม่: แนวทางทั่วไป' });
    await visible(form);
    // A copy of the version in use: six steps, the closure fifth.
    await visible(form.getByTestId('procedure-step-6'));
    expect(await form.getByRole('textbox', { name: 'ชื่อขั้นตอน (ภาษาไทย)' }).nth(4).inputValue()).toBe('ยุติการให้บริการ');

    // The closure moved above the services: the services now come after closure.
    await form.getByRole('button', { name: 'เลื่อนขึ้น ขั้นตอนที่ 5', exact: true }).click();
    const services = form.getByTestId('procedure-step-5');
    await visible(services.getByText(ORDER_PROBLEM));
    expect(await services.getByLabel('ขั้นตอนเสร็จเมื่อ').getAttribute('aria-invalid')).toBe('true');
    await visible(form.getByTestId('procedure-problems').getByText(`ขั้นตอนที่ 5: ${ORDER_PROBLEM}`));
    await screenshot(page, 'procedures-02-order-problem');

    let posted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/procedures') posted += 1;
    });
    await form.getByRole('button', { name: 'บันทึกเป็นฉบับร่าง' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true', null, {
      timeout: WAIT_MS,
    });
    expect(posted).toBe(0);
    await visible(form.getByText(ORDER_PROBLEM));

    // Fixed: the closure back below the services; the first contact shortened to 48 hours.
    await form.getByRole('button', { name: 'เลื่อนลง ขั้นตอนที่ 4', exact: true }).click();
    await form.getByText(ORDER_PROBLEM).first().waitFor({ state: 'detached', timeout: WAIT_MS });
    const firstContact = form.getByTestId('procedure-step-2');
    await firstContact.getByRole('textbox', { name: 'กรอบเวลา', exact: true }).fill('48');
    await firstContact.getByLabel('หน่วยของกรอบเวลา', { exact: true }).selectOption({ label: 'ชั่วโมง' });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await form.getByRole('button', { name: 'บันทึกเป็นฉบับร่าง' }).click();

    await visible(page.getByText('บันทึก แนวทางทั่วไป ฉบับที่ 2 เป็นฉบับร่างแล้ว'));
    expect(posted).toBe(1);
    const draft = generic.getByTestId('procedure-version-2');
    await visible(draft.getByText('ฉบับร่าง', { exact: true }));
    // The version in use has not changed.
    await visible(stepItem(generic, 'ติดต่อผู้ประสบปัญหาครั้งแรก').getByText('3 วัน (วิกฤต 24 ชั่วโมง)'));
  });

  it('puts the draft in use after a confirmation; version 1 retires and keeps its cases', async () => {
    const generic = procedureCard(page, 'แนวทางทั่วไป');
    const draft = generic.getByTestId('procedure-version-2');
    await draft.getByRole('button', { name: 'เริ่มใช้ฉบับที่ 2' }).click();
    await visible(draft.getByText(/^เริ่มใช้ แนวทางทั่วไป ฉบับที่ 2 หรือไม่/));
    await screenshot(page, 'procedures-03-confirm');
    await draft.getByRole('button', { name: 'ยืนยันเริ่มใช้' }).click();

    await visible(page.getByText('เริ่มใช้ แนวทางทั่วไป ฉบับที่ 2 แล้ว'));
    await visible(stepItem(generic, 'ติดต่อผู้ประสบปัญหาครั้งแรก').getByText('2 วัน (วิกฤต 24 ชั่วโมง)'));
    const retired = generic.getByTestId('procedure-version-1');
    await visible(retired.getByText('เลิกใช้แล้ว', { exact: true }));
    await visible(retired.getByText(/ใช้กับ \d+ เรื่อง/));
    expect(await retired.getByRole('button', { name: /เริ่มใช้/ }).count()).toBe(0);
    await screenshot(page, 'procedures-04-activated');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });
});

describe('procedures and a case on a phone', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await app.newContext({ width: 390, height: 844, mobile: true });
    page = await context.newPage();
    await signInAs(page, CALL_TAKER);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows the procedures to a call-taker, to read only, fitting the screen', async () => {
    await page.goto('/procedures');
    const trafficking = procedureCard(page, 'การค้ามนุษย์');
    await visible(stepItem(trafficking, 'คัดแยกเหยื่อโดยทีมสหวิชาชีพ').getByText('7 วัน', { exact: true }));
    expect(await page.getByRole('button', { name: /สร้างฉบับใหม่/ }).count()).toBe(0);
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'procedures-05-phone-list');
  });

  it('shows a crisis case its procedure with the crisis time frames, and its state history', async () => {
    const response = await page.request.post('/api/intake/contacts', {
      headers: await csrfHeaders(page),
      data: {
        callerPhone: '089 111 2222',
        outcome: 'case',
        case: {
          problemTypes: ['begging'],
          crisis: true,
          severity: 4,
          location: { areaCode: '700101', address: 'หน้าตลาดหน้าเมือง' },
          narrative: 'เด็กขอทานหน้าตลาด ถูกบังคับให้ขอเงินทั้งคืน',
          reporter: { anonymous: false, relation: 'neighbour' },
          people: [],
        },
      },
    });
    expect(response.status()).toBe(201);
    const { case: created } = (await response.json()) as { case: { id: string; caseNumber: string } };

    await page.goto(`/cases/${created.id}`);
    const procedure = page.getByRole('region', { name: 'ขั้นตอนตามแนวทางการปฏิบัติ' });
    await visible(procedure.getByText(/^แนวทางการปฏิบัติทั่วไป ฉบับที่ \d+$/));
    await visible(procedure.getByText('24 ชั่วโมง (เหตุวิกฤต)').first());
    await visible(procedure.getByText(/เรื่องนี้เป็นเหตุวิกฤต/));

    const history = page.getByRole('region', { name: 'ประวัติสถานะ' });
    await visible(history.locator('li.case-history-item'));
    expect(await history.locator('time').first().innerText()).toMatch(/25\d\d/);
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'procedures-06-phone-case');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The same case on a desktop: the procedure beside the case, the history in the side column.
    const desktop = await app.newContext({ width: 1280, height: 900 });
    try {
      const wide = await desktop.newPage();
      await signInAs(wide, CALL_TAKER);
      await wide.goto(`/cases/${created.id}`);
      await visible(wide.getByRole('region', { name: 'ประวัติสถานะ' }).locator('li.case-history-item'));
      await screenshot(wide, 'procedures-07-desktop-case');
    } finally {
      await desktop.close();
    }
  });
});
