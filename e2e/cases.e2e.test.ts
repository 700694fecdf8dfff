import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasNoHorizontalOverflow,
  screenshot,
  SCREENSHOTS,
  seriousAccessibilityProblems,
  visible,
  WAIT_MS,
  csrfHeaders,
  signInAs,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';

const CALL_TAKER = 'calltaker@oscc.example';
const VICTIM_PHONE = '081 777 1300';
const SHELTER = 'บ้านพักเด็กและครอบครัวจังหวัดราชบุรี';

const app = useAppUnderTest();

/** A small valid PNG (a red square), made here so the test carries no binary file. */
function redSquarePng(size = 24): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([200, 30, 30]))]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A hotline case about the same victim (the same phone), recorded through the API as the call-taker. */
async function recordCase(page: Page, narrative: string, crisis = false): Promise<{ id: string; caseNumber: string }> {
  const response = await page.request.post('/api/intake/contacts', {
    headers: await csrfHeaders(page),
    data: {
      callerPhone: '089 111 2222',
      outcome: 'case',
      case: {
        problemTypes: ['begging'],
        crisis,
        severity: 2,
        location: { areaCode: '700101', address: 'หน้าตลาดหน้าเมือง' },
        narrative,
        reporter: { anonymous: false, relation: 'neighbour' },
        people: [
          {
            role: 'victim',
            name: 'เด็กหญิงมะลิ ใจดี',
            idType: 'none',
            estimatedAge: 9,
            sex: 'female',
            phone: VICTIM_PHONE,
          },
        ],
      },
    },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { case: { id: string; caseNumber: string } };
  return body.case;
}

describe('case screening', () => {
  let context: BrowserContext;
  let page: Page;
  const consoleProblems: string[] = [];
  let first: { id: string; caseNumber: string };
  let second: { id: string; caseNumber: string };
  let third: { id: string; caseNumber: string };

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 900 });
    page = await context.newPage();
    await signInAs(page, CALL_TAKER);
    first = await recordCase(page, 'เด็กหญิงขอทานอยู่หน้าตลาดทุกเช้า ผู้แจ้งเห็นรอยช้ำที่แขน');
    second = await recordCase(page, 'ผู้แจ้งอีกรายโทรมาเรื่องเด็กหญิงคนเดิมที่หน้าตลาด');
    third = await recordCase(page, 'โทรซ้ำเรื่องเดิม เด็กหญิงยังขอทานอยู่');
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('lists the new cases in the screening queue and opens one', async () => {
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'คัดกรองเรื่อง' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'คัดกรองเรื่อง' }));
    const table = page.getByRole('region', { name: 'เรื่องที่รอคัดกรอง' });
    await visible(table.getByRole('link', { name: third.caseNumber }));
    // Oldest first among cases of the same urgency; names, not codes, for the problem and the place.
    const numbers = await table.locator('tbody th a').allInnerTexts();
    expect(numbers.indexOf(first.caseNumber)).toBeLessThan(numbers.indexOf(third.caseNumber));
    const row = table.getByRole('row').filter({ hasText: first.caseNumber });
    await visible(row.getByText('ขอทาน'));
    await visible(row.getByText('หน้าเมือง · เมืองราชบุรี · ราชบุรี'));
    await visible(row.getByText('สายด่วน 1300'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'cases-01-queue');

    // The province filter: the cases are in Ratchaburi, none in Chiang Mai.
    await page.getByLabel('จังหวัด').selectOption({ label: 'เชียงใหม่' });
    await visible(page.getByText('ไม่มีเรื่องในคิวนี้'));
    expect(new URL(page.url()).searchParams.get('province')).toBe('50');
    await page.getByLabel('จังหวัด').selectOption({ label: 'ราชบุรี' });
    await visible(table.getByRole('link', { name: first.caseNumber }));

    await page.getByRole('button', { name: 'ศูนย์คัดกรองกลาง' }).click();
    await visible(page.getByRole('heading', { name: 'เรื่องที่ยังไม่มีหน่วยงานรับผิดชอบ' }));
    expect(new URL(page.url()).searchParams.get('queue')).toBe('triage');
    await page.getByRole('button', { name: 'รอคัดกรอง', exact: true }).click();

    await page.getByRole('link', { name: first.caseNumber }).click();
    await visible(page.getByRole('heading', { level: 1, name: `เรื่อง ${first.caseNumber}` }));
    await visible(page.getByText('เด็กหญิงขอทานอยู่หน้าตลาดทุกเช้า', { exact: false }));
    await visible(page.getByRole('heading', { name: 'เด็กหญิงมะลิ ใจดี' }));
    await visible(page.getByText('อายุประมาณ 9 ปี'));
  });

  it('shows the cases about the same phone and links one of them with a reason', async () => {
    const related = page.getByRole('region', { name: 'เรื่องที่อาจเกี่ยวข้องหรือซ้ำ' });
    await visible(related.getByRole('link', { name: second.caseNumber }));
    await visible(related.getByRole('link', { name: third.caseNumber }));
    await visible(related.getByText('เบอร์โทรศัพท์เดียวกัน'));

    await related.getByRole('button', { name: `เชื่อมโยงกับเรื่อง ${second.caseNumber}` }).click();
    const form = related.getByRole('form', { name: `เชื่อมโยงเรื่องนี้กับเรื่อง ${second.caseNumber}` });
    // A reason is required.
    await form.getByRole('button', { name: 'เชื่อมโยงเรื่อง' }).click();
    await visible(form.getByText('กรุณาระบุเหตุผล'));
    await form.getByLabel('เหตุผลที่เชื่อมโยง').fill('ผู้ประสบปัญหาคนเดียวกัน แจ้งจากคนละผู้แจ้ง');
    await form.getByRole('button', { name: 'เชื่อมโยงเรื่อง' }).click();

    const linked = page.getByRole('region', { name: 'เรื่องที่เชื่อมโยง' });
    await visible(linked.getByRole('link', { name: second.caseNumber }));
    await visible(linked.getByText('ผู้ประสบปัญหาคนเดียวกัน แจ้งจากคนละผู้แจ้ง', { exact: false }));
  });

  it('screens the case: a second problem type, crisis, and a unit chosen by hand with the reason', async () => {
    const panel = page.getByRole('form', { name: 'คัดกรอง', exact: true });
    await panel.getByLabel('ความรุนแรงต่อเด็ก สตรี ผู้สูงอายุ และคนพิการ').check();
    await panel.getByLabel('เหตุวิกฤต ต้องช่วยเหลือทันที').check();
    await panel.getByRole('radio', { name: '4 อันตรายถึงชีวิต' }).check();
    await panel.getByRole('radio', { name: 'เลือกหน่วยงานเอง' }).check();
    // Without a unit and a reason the form says so and sends nothing.
    await panel.getByRole('button', { name: 'บันทึกการคัดกรอง' }).click();
    await visible(panel.getByText('กรุณาเลือกหน่วยงาน'));
    await visible(panel.getByText('กรุณาระบุเหตุผลที่เลือกหน่วยงานนี้'));

    await panel.getByLabel('ค้นหาหน่วยงาน').fill('MSDHS-SHELTER-70');
    const unitSelect = panel.getByLabel('หน่วยงานที่จะส่งต่อ');
    await page.waitForFunction(
      (element) => [...(element as HTMLSelectElement).options].some((option) => option.text.includes('บ้านพักเด็ก')),
      await unitSelect.elementHandle(),
      { timeout: WAIT_MS },
    );
    await unitSelect.selectOption({ label: `${SHELTER} (MSDHS-SHELTER-70)` });
    await panel.getByLabel('เหตุผลที่เลือกหน่วยงานนี้').fill('เด็กต้องการที่พักปลอดภัยคืนนี้');
    await screenshot(page, 'cases-02-screening-form');
    await panel.getByRole('button', { name: 'บันทึกการคัดกรอง' }).click();

    await visible(panel.getByText('บันทึกการคัดกรองแล้ว'));
    const routing = page.getByRole('region', { name: 'การส่งต่อ', exact: true });
    await visible(routing.getByText(SHELTER));
    await visible(routing.getByText('เจ้าหน้าที่คัดกรองเลือกหน่วยงาน'));
    await visible(routing.getByText('เด็กต้องการที่พักปลอดภัยคืนนี้', { exact: false }));
    await visible(page.locator('.case-header').getByText('วิกฤต', { exact: true }));
    // The form starts again from the saved case.
    expect(await panel.getByRole('radio', { name: 'คงหน่วยงานเดิม' }).isChecked()).toBe(true);
    expect(await panel.getByLabel('เหตุวิกฤต ต้องช่วยเหลือทันที').isChecked()).toBe(true);
  });

  it('uploads a photo and shows it as a thumbnail', async () => {
    const attachments = page.getByRole('region', { name: /^ไฟล์แนบ/ });
    // A file that only claims to be a photo is refused by the server, which reads its content; its word is shown.
    await attachments
      .getByLabel('เลือกไฟล์ที่จะแนบ')
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
    await attachments.getByRole('button', { name: 'แนบไฟล์' }).click();
    await visible(attachments.getByText('notes.png: ไฟล์นี้ไม่ใช่รูปภาพหรือเอกสารที่รับได้', { exact: false }));
    await screenshot(page, 'cases-03a-upload-refused');
    // The browser logs the refusal (400) itself; that one is expected, anything else is not.
    expect(consoleProblems).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    consoleProblems.length = 0;
    await attachments
      .getByLabel('เลือกไฟล์ที่จะแนบ')
      .setInputFiles({ name: 'bruise.png', mimeType: 'image/png', buffer: redSquarePng() });
    await attachments.getByRole('button', { name: 'แนบไฟล์' }).click();
    await visible(attachments.getByText('แนบไฟล์แล้ว 1 ไฟล์'));
    const thumbnail = attachments.getByRole('img', { name: 'รูปที่แนบ: bruise.png' });
    await visible(thumbnail);
    await page.waitForFunction(
      (element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth === 24,
      await thumbnail.elementHandle(),
      { timeout: WAIT_MS },
    );
    await visible(attachments.getByRole('link', { name: 'ดาวน์โหลด bruise.png' }));
    await visible(page.getByRole('heading', { name: 'ไฟล์แนบ (1)' }));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'cases-03-case-screened');
  });

  it('merges a duplicate into the case and shows where it went', async () => {
    await page
      .getByRole('region', { name: 'เรื่องที่อาจเกี่ยวข้องหรือซ้ำ' })
      .getByRole('link', { name: third.caseNumber })
      .click();
    await visible(page.getByRole('heading', { level: 1, name: `เรื่อง ${third.caseNumber}` }));
    const related = page.getByRole('region', { name: 'เรื่องที่อาจเกี่ยวข้องหรือซ้ำ' });
    await related.getByRole('button', { name: `รวมเรื่องนี้เข้ากับเรื่อง ${first.caseNumber}` }).click();
    const confirm = related.getByRole('form', { name: `รวมเรื่อง ${third.caseNumber} เข้ากับเรื่อง ${first.caseNumber}` });
    await visible(confirm.getByText('ย้อนกลับไม่ได้', { exact: false }));
    await confirm.getByLabel('เหตุผลที่รวมเรื่อง').fill('แจ้งซ้ำเรื่องเดียวกัน');
    await screenshot(page, 'cases-04-merge-confirm');
    await confirm.getByRole('button', { name: 'ยืนยันการรวมเรื่อง' }).click();

    await visible(page.getByText(`เรื่องนี้รวมเข้ากับเรื่อง ${first.caseNumber} แล้ว`, { exact: false }));
    await visible(page.locator('.case-header').getByText('รวมกับเรื่องอื่นแล้ว'));
    // A merged case is screened no more.
    expect(await page.getByRole('form', { name: 'คัดกรอง', exact: true }).count()).toBe(0);
    await screenshot(page, 'cases-05-merged');

    await page.getByRole('link', { name: `ไปที่เรื่อง ${first.caseNumber}` }).click();
    await visible(page.getByRole('heading', { level: 1, name: `เรื่อง ${first.caseNumber}` }));
    const linked = page.getByRole('region', { name: 'เรื่องที่เชื่อมโยง' });
    await visible(linked.getByRole('link', { name: third.caseNumber }));
    await visible(linked.getByText('รวมเข้ากับเรื่องนี้'));
  });

  it('takes a link back', async () => {
    const linked = page.getByRole('region', { name: 'เรื่องที่เชื่อมโยง' });
    await linked.getByRole('button', { name: `ยกเลิกการเชื่อมโยงกับเรื่อง ${second.caseNumber}` }).click();
    await linked.getByRole('link', { name: second.caseNumber }).waitFor({ state: 'detached', timeout: WAIT_MS });
    await visible(linked.getByRole('link', { name: third.caseNumber }));
    expect(consoleProblems).toEqual([]);
  });

  it('says so when someone else screened the case first, and shows the case as it now is', async () => {
    await page.goto(`/cases/${second.id}`);
    const panel = page.getByRole('form', { name: 'คัดกรอง', exact: true });
    await visible(panel);
    // Another screener saves while this page is open.
    const current = (await (await page.request.get(`/api/cases/${second.id}`)).json()) as { version: number };
    const other = await page.request.post(`/api/cases/${second.id}/screening`, {
      headers: await csrfHeaders(page),
      data: {
        version: current.version,
        problemTypes: ['begging'],
        crisis: false,
        severity: 3,
        route: { kind: 'keep' },
      },
    });
    expect(other.status()).toBe(200);

    await panel.getByLabel('เหตุวิกฤต ต้องช่วยเหลือทันที').check();
    await panel.getByRole('button', { name: 'บันทึกการคัดกรอง' }).click();
    await visible(panel.getByText('มีผู้อื่นแก้ไขเรื่องนี้ก่อนที่คุณจะบันทึก', { exact: false }));
    // Reloaded: the other screener's severity is shown, and saving again works.
    await page.waitForFunction(
      () => (document.querySelector('input[type=radio][value="3"]') as HTMLInputElement | null)?.checked === true,
      undefined,
      { timeout: WAIT_MS },
    );
    await screenshot(page, 'cases-06-conflict');
    await panel.getByLabel('เหตุวิกฤต ต้องช่วยเหลือทันที').check();
    await panel.getByRole('button', { name: 'บันทึกการคัดกรอง' }).click();
    await visible(panel.getByText('บันทึกการคัดกรองแล้ว'));
    await visible(page.locator('.case-header').getByText('วิกฤต', { exact: true }));
  });

  it('fits a phone screen, the queue and the case', async () => {
    const phone = await app.newContext({ width: 375, height: 812, mobile: true });
    try {
      const small = await phone.newPage();
      await signInAs(small, CALL_TAKER);
      const ordinary = await recordCase(small, 'ขอทานที่ป้ายรถเมล์ ไม่เร่งด่วน');
      const crisis = await recordCase(small, 'เด็กหญิงถูกทำร้ายตอนนี้ ต้องช่วยทันที', true);
      await small.goto('/cases/screening');
      await visible(small.getByRole('link', { name: ordinary.caseNumber }));
      // Crisis first, though it came in later.
      const numbers = await small.locator('tbody th a').allInnerTexts();
      expect(numbers.slice(0, 2)).toEqual([crisis.caseNumber, ordinary.caseNumber]);
      expect(await hasNoHorizontalOverflow(small)).toBe(true);
      await screenshot(small, 'cases-07-phone-queue');
      await small.goto(`/cases/${first.id}`);
      await visible(small.getByRole('img', { name: 'รูปที่แนบ: bruise.png' }));
      await visible(small.getByRole('form', { name: 'คัดกรอง', exact: true }));
      expect(await hasNoHorizontalOverflow(small)).toBe(true);
      await screenshot(small, 'cases-08-phone-case');
      // What the screener sees on the screen itself: the top of the case, the people, and the screening panel.
      await small.evaluate(() => window.scrollTo(0, 0));
      await small.screenshot({ path: `${SCREENSHOTS}cases-09-phone-top.png` });
      await small.getByRole('heading', { name: 'เด็กหญิงมะลิ ใจดี' }).scrollIntoViewIfNeeded();
      await small.screenshot({ path: `${SCREENSHOTS}cases-10-phone-people.png` });
      await small.getByRole('form', { name: 'คัดกรอง', exact: true }).scrollIntoViewIfNeeded();
      await small.screenshot({ path: `${SCREENSHOTS}cases-11-phone-screening.png` });
    } finally {
      await phone.close();
    }
  });
});
