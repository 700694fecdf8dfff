import { crc32, deflateSync } from 'node:zlib';
import { formatBuddhistDate } from '@oscc/contract';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
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
import { signInAndSetUpTwoStep } from './support/two-step.ts';

const CALL_TAKER = 'calltaker@oscc.example';
const COORDINATOR = 'coordinator@oscc.example'; // province coordinator, Ratchaburi: reads cases masked
const ADMIN = 'admin@oscc.example'; // central administrator: privacy.manage and audit.read everywhere
const VICTIM = 'นางสาวมะลิ ใจดี';
const VICTIM_PHONE = '081 777 1300';
const NARRATIVE = 'ผู้เสียหายถูกสามีทำร้ายร่างกายที่บ้านเลขที่ 99 ซอยวัดช่องลม';
const REASON = 'ออกเยี่ยมบ้านร่วมกับตำรวจวันนี้ ต้องยืนยันชื่อและที่อยู่ของผู้เสียหาย';
const DAY_MS = 24 * 60 * 60 * 1000;

const app = useAppUnderTest();

/** "สมศรี ใจดี" → "ส•••• ใ•••", as the server masks a name. */
function maskedName(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => {
      const letters = [...word];
      return letters.length <= 1 ? '•' : `${letters[0]}${'•'.repeat(Math.min(letters.length - 1, 6))}`;
    })
    .join(' ');
}

/** A small valid PNG, made here so the test carries no binary file. */
function tinyPng(size = 16): Buffer {
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
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([30, 90, 200]))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A hotline case in Ratchaburi about a named woman, with a photo, recorded through the API by the call-taker. */
async function recordCase(page: Page): Promise<{ id: string; caseNumber: string }> {
  const response = await page.request.post('/api/intake/contacts', {
    headers: await csrfHeaders(page),
    data: {
      callerPhone: '089 111 2222',
      outcome: 'case',
      case: {
        problemTypes: ['domestic_violence'],
        crisis: false,
        severity: 3,
        location: { areaCode: '700101', address: 'บ้านเลขที่ 99 ซอยวัดช่องลม' },
        narrative: NARRATIVE,
        reporter: { anonymous: false, relation: 'self' },
        people: [
          {
            role: 'victim',
            name: VICTIM,
            idType: 'none',
            estimatedAge: 34,
            sex: 'female',
            phone: VICTIM_PHONE,
          },
        ],
      },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const kase = ((await response.json()) as { case: { id: string; caseNumber: string } }).case;
  const upload = await page.request.post(`/api/cases/${kase.id}/attachments`, {
    headers: await csrfHeaders(page),
    multipart: { files: { name: 'บาดแผล-มะลิ.png', mimeType: 'image/png', buffer: tinyPng() } },
  });
  expect(upload.status(), await upload.text()).toBe(200);
  return kase;
}

describe('privacy: masked identities, break the glass, who has seen a case, and the PDPA registers', () => {
  let desktop: BrowserContext;
  let adminContext: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  let admin: Page;
  let kase: { id: string; caseNumber: string };
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    [desktop, adminContext, phone] = await Promise.all([
      app.newContext({ width: 1280, height: 900 }),
      app.newContext({ width: 1280, height: 900 }),
      app.newContext({ width: 390, height: 844, mobile: true }),
    ]);
    const desk = await desktop.newPage();
    await signInAs(desk, CALL_TAKER);
    kase = await recordCase(desk);
    await desk.close();

    page = await desktop.newPage();
    page.on('console', (message) => {
      // Expected: the sign-in page asking for a session (401).
      if (/status of 401\b/.test(message.text())) return;
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  });

  afterAll(async () => {
    await Promise.all([desktop?.close(), adminContext?.close(), phone?.close()]);
  });

  it('shows a province coordinator the case with its identities masked, and no way to open the photo', async () => {
    await signInAs(page, COORDINATOR);
    await page.goto(`/cases/${kase.id}`);
    await visible(page.getByRole('heading', { level: 1, name: `เรื่อง ${kase.caseNumber}` }));
    await visible(page.getByRole('heading', { name: 'ข้อมูลระบุตัวบุคคลถูกปกปิดสำหรับบทบาทของคุณ' }));
    await visible(page.getByRole('heading', { level: 3, name: new RegExp(`^${maskedName(VICTIM)}`) }));
    await visible(page.getByText(/^•+1300$/));
    expect(await page.getByText(VICTIM).count()).toBe(0);
    expect(await page.getByText(NARRATIVE).count()).toBe(0);
    // The photo: neither its name, nor a thumbnail, nor a link to it.
    await visible(page.getByText('ชื่อไฟล์และไฟล์แนบเปิดได้หลังจากเปิดดูข้อมูลระบุตัวบุคคลแล้วเท่านั้น'));
    expect(await page.locator('img.attachment-thumbnail').count()).toBe(0);
    expect(await page.getByRole('link', { name: /ดาวน์โหลด/ }).count()).toBe(0);
    expect(await page.getByText('บาดแผล-มะลิ.png').count()).toBe(0);
    // The file itself answers 403 for this reader.
    const detail = (await (await page.request.get(`/api/cases/${kase.id}`)).json()) as {
      attachmentList: { id: string }[];
    };
    const file = await page.request.get(`/api/cases/${kase.id}/attachments/${detail.attachmentList[0]?.id}`);
    expect(file.status()).toBe(403);
    expect(((await file.json()) as { error: { code: string } }).error.code).toBe('IDENTITIES_MASKED');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'privacy-01-case-masked');
  });

  it('breaks the glass with a stated reason and then shows the real name until a time', async () => {
    const open = page.getByRole('button', { name: 'เปิดดูข้อมูลระบุตัวบุคคล (break the glass)' });
    const dialog = page.getByRole('dialog', { name: `เปิดดูข้อมูลระบุตัวบุคคล เรื่อง ${kase.caseNumber}` });
    // Escape closes the dialog and gives the focus back to the button.
    await open.click();
    await visible(dialog);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
    expect(await open.evaluate((element) => element === document.activeElement)).toBe(true);
    await open.click();
    await visible(dialog);
    await visible(dialog.getByText('ระบบจะแจ้งผู้บังคับบัญชาของคุณทางอีเมล', { exact: false }));
    const reason = dialog.getByLabel('เหตุผลที่ต้องเปิดดู');
    expect(await reason.evaluate((element) => element === document.activeElement)).toBe(true);

    // Nothing, then too little: told why, in Thai, and nothing opens.
    await dialog.getByRole('button', { name: 'ยืนยันและเปิดดู' }).click();
    await visible(dialog.getByText('กรุณาระบุเหตุผลที่ต้องเปิดดู'));
    await reason.fill('ดูชื่อ');
    await visible(dialog.getByText('6 / 500 ตัวอักษร (อย่างน้อย 10)'));
    await dialog.getByRole('button', { name: 'ยืนยันและเปิดดู' }).click();
    await visible(dialog.getByText('เหตุผลสั้นเกินไป กรุณาระบุอย่างน้อย 10 ตัวอักษร'));
    await reason.fill(REASON);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'privacy-02-break-the-glass-dialog');
    // The dialog over the page, as the reader sees it (the full-page capture above stretches the backdrop).
    if (process.env.E2E_SCREENSHOTS !== 'off')
      await page.screenshot({ path: `${SCREENSHOTS}privacy-02a-dialog-viewport.png` });

    await dialog.getByRole('button', { name: 'ยืนยันและเปิดดู' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await visible(page.getByText(/เปิดดูได้ถึง \d{2}:\d{2} น\./));
    // The button is gone: the focus is on what happened.
    expect(await page.getByTestId('case-revealed').evaluate((element) => element === document.activeElement)).toBe(
      true,
    );
    await visible(page.getByRole('heading', { level: 3, name: new RegExp(`^${VICTIM}`) }));
    await visible(page.getByText(NARRATIVE));
    // The phone number, whole again, to call.
    await visible(page.getByRole('link', { name: /817771300$/ }));
    await visible(page.getByRole('link', { name: /บาดแผล-มะลิ\.png/ }));
    // The opening lasts 30 minutes.
    const shown = /(\d{2}):(\d{2}) น\./.exec(await page.getByTestId('case-revealed').innerText())?.[0] ?? '';
    const bangkok = (minutes: number) =>
      `${new Date(Date.now() + minutes * 60_000).toLocaleTimeString('en-GB', {
        timeZone: 'Asia/Bangkok',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })} น.`;
    expect([bangkok(29), bangkok(30)]).toContain(shown);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'privacy-03-case-revealed');
  });

  it('shows the coordinator, who audits the province, who has seen the case', async () => {
    const log = page.getByTestId('case-access-log');
    await visible(log.getByRole('heading', { name: 'ผู้ที่เคยเปิดดูเรื่องนี้' }));
    await visible(log.getByText(/มีผู้เปิดดูเรื่องนี้ทั้งหมด \d+ คน/));
    await visible(log.getByRole('row').filter({ hasText: REASON }));
  });

  it('shows the administrator the access log entry with the reason, and the break-the-glass review', async () => {
    admin = await adminContext.newPage();
    await signInAndSetUpTwoStep(admin, ADMIN, DEMO_PASSWORD);
    await admin.goto(`/cases/${kase.id}`);
    await visible(admin.getByRole('heading', { level: 1, name: `เรื่อง ${kase.caseNumber}` }));
    // The administrator may identify: nothing is masked for them.
    expect(await admin.getByRole('heading', { name: 'ข้อมูลระบุตัวบุคคลถูกปกปิดสำหรับบทบาทของคุณ' }).count()).toBe(0);
    await visible(admin.getByRole('heading', { level: 3, name: new RegExp(`^${VICTIM}`) }));
    const log = admin.getByTestId('case-access-log');
    await visible(log.getByRole('heading', { name: 'ผู้ที่เคยเปิดดูเรื่องนี้' }));
    const revealRow = log.getByRole('row').filter({ hasText: 'เปิดดูข้อมูลระบุตัวบุคคล' }).filter({ hasText: REASON });
    await visible(revealRow);
    await visible(revealRow.getByText(COORDINATOR));
    // The coordinator and the administrator have opened it (the call-taker only recorded it).
    await visible(log.getByText(/มีผู้เปิดดูเรื่องนี้ทั้งหมด [23] คน/));
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
    await log.scrollIntoViewIfNeeded();
    await screenshot(admin, 'privacy-04-access-log');

    await admin.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'ข้อมูลส่วนบุคคล' }).click();
    await admin.waitForURL('**/privacy/requests', { timeout: WAIT_MS });
    await admin
      .getByRole('navigation', { name: 'หน้าข้อมูลส่วนบุคคล' })
      .getByRole('link', { name: 'ตรวจสอบการเปิดดูข้อมูล' })
      .click();
    await visible(admin.getByRole('heading', { level: 1, name: 'ตรวจสอบการเปิดดูข้อมูลระบุตัวบุคคล' }));
    const row = admin.getByRole('row').filter({ hasText: REASON });
    await visible(row.getByRole('link', { name: kase.caseNumber }));
    await visible(row.getByText(COORDINATOR));
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
    await screenshot(admin, 'privacy-05-reveals');
  });

  it('records a data subject’s request, due 30 days after it arrived, and answers it', async () => {
    await admin
      .getByRole('navigation', { name: 'หน้าข้อมูลส่วนบุคคล' })
      .getByRole('link', { name: 'คำขอของเจ้าของข้อมูล' })
      .click();
    await visible(admin.getByRole('heading', { level: 1, name: 'คำขอของเจ้าของข้อมูลส่วนบุคคล' }));
    await visible(admin.getByText('ไม่มีคำขอในรายการนี้'));
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);

    const form = admin.getByRole('form', { name: 'บันทึกคำขอใหม่' });
    // Nothing filled: each field says what it needs.
    await form.getByRole('button', { name: 'บันทึกคำขอ' }).click();
    await visible(form.getByText('กรุณาเลือกประเภทคำขอ'));
    await visible(form.getByText('กรุณาระบุชื่อผู้ยื่นคำขอ'));
    await visible(form.getByText('กรุณาระบุช่องทางติดต่อกลับ อย่างน้อย 3 ตัวอักษร'));
    await screenshot(admin, 'privacy-06-request-form-problems');

    await form.getByLabel('ประเภทคำขอ').selectOption('access');
    await form.getByLabel('ชื่อผู้ยื่นคำขอ').fill('นายสมชาย ขอข้อมูล');
    await form.getByLabel('ช่องทางติดต่อกลับ').fill('somchai@example.com');
    await form.getByLabel('เลขที่เรื่องที่เกี่ยวข้อง').fill(kase.caseNumber);
    await form.getByLabel('รายละเอียดคำขอ').fill('ขอสำเนาข้อมูลของตนเองที่ศูนย์บันทึกไว้');
    const receivedAt = await form.getByLabel('วันและเวลาที่ได้รับคำขอ').inputValue();
    const due = new Date(new Date(`${receivedAt}:00+07:00`).getTime() + 30 * DAY_MS);
    await form.getByRole('button', { name: 'บันทึกคำขอ' }).click();

    const message = admin.getByTestId('privacy-message');
    await visible(message);
    const text = await message.innerText();
    const reference = /DSR-25\d\d-\d{4}/.exec(text)?.[0] ?? '';
    expect(reference).not.toBe('');
    expect(text).toContain(`ต้องตอบภายใน ${formatBuddhistDate(due, 'th', 'longDate')} (30 วัน)`);
    const row = admin.getByRole('row').filter({ hasText: reference });
    await visible(row.getByText(formatBuddhistDate(due, 'th', 'dateTime')));
    await visible(row.getByText(/^เหลือ (29 วัน 23 ชั่วโมง|30 วัน)$/));
    await visible(row.getByRole('link', { name: `เรื่อง ${kase.caseNumber}` }));
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
    await screenshot(admin, 'privacy-07-request-recorded');

    // Answering it: the decision and what was done.
    await row.getByRole('button', { name: `ตอบคำขอ ${reference}` }).click();
    const close = admin.getByRole('form', { name: `ตอบคำขอ ${reference}` });
    await close.getByRole('button', { name: 'บันทึกผลการดำเนินการ' }).click();
    await visible(close.getByText('กรุณาเลือกผลการพิจารณา'));
    await close.getByLabel('ดำเนินการแล้ว').check();
    await close.getByLabel('สิ่งที่ดำเนินการ').fill('ส่งสำเนาข้อมูลทางอีเมลแล้ว');
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
    await close.getByRole('button', { name: 'บันทึกผลการดำเนินการ' }).click();
    await visible(admin.getByText(`บันทึกว่าดำเนินการตามคำขอ ${reference} แล้ว`));
    await admin.getByRole('button', { name: 'ดำเนินการแล้ว', exact: true }).click();
    await visible(admin.getByRole('row').filter({ hasText: reference }).getByText('ส่งสำเนาข้อมูลทางอีเมลแล้ว'));
  });

  it('records a breach with its 72-hour deadline, and the notice to the office', async () => {
    await admin
      .getByRole('navigation', { name: 'หน้าข้อมูลส่วนบุคคล' })
      .getByRole('link', { name: 'ทะเบียนเหตุละเมิด' })
      .click();
    await visible(admin.getByRole('heading', { level: 1, name: 'ทะเบียนเหตุการละเมิดข้อมูลส่วนบุคคล' }));
    const form = admin.getByRole('form', { name: 'บันทึกเหตุละเมิดใหม่' });
    await form.getByRole('button', { name: 'บันทึกเหตุละเมิด' }).click();
    await visible(form.getByText('กรุณาเลือกระดับความเสี่ยง'));

    await form.getByLabel('หัวข้อ').fill('ส่งอีเมลรายชื่อผู้รับบริการผิดผู้รับ');
    await form.getByLabel('รายละเอียดเหตุการณ์').fill('เจ้าหน้าที่ส่งไฟล์รายชื่อไปยังอีเมลภายนอกโดยไม่ตั้งใจ');
    await form.getByLabel('จำนวนผู้ได้รับผลกระทบ (คน)').fill('12');
    await form.getByLabel('มีความเสี่ยง', { exact: true }).check();
    // Learned of two hours ago.
    const discovered = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const local = new Date(discovered.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 16);
    await form.getByLabel('วันและเวลาที่ทราบเหตุ').fill(local);
    const notifyBy = new Date(new Date(`${local}:00+07:00`).getTime() + 72 * 60 * 60 * 1000);
    await form.getByRole('button', { name: 'บันทึกเหตุละเมิด' }).click();

    const message = admin.getByTestId('privacy-message');
    await visible(message);
    const text = await message.innerText();
    expect(text).toContain(`ต้องแจ้งสำนักงานฯ ภายใน ${formatBuddhistDate(notifyBy, 'th', 'dateTime')} น. (72 ชั่วโมง)`);
    const row = admin.getByRole('row').filter({ hasText: 'ส่งอีเมลรายชื่อผู้รับบริการผิดผู้รับ' });
    await visible(row.getByText(/^เหลือ 2 วัน 2[12] ชั่วโมง$/));
    await visible(row.getByText('มีความเสี่ยง', { exact: true }));
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
    await screenshot(admin, 'privacy-08-breach-recorded');

    await row.getByRole('button', { name: /^บันทึกการแจ้ง / }).click();
    const update = admin.getByRole('form', { name: /^บันทึกการแจ้งและการจัดการ / });
    await update.getByRole('button', { name: 'แจ้งสำนักงานฯ เมื่อสักครู่' }).click();
    await update.getByLabel('มาตรการที่ดำเนินการแล้ว').fill('ขอให้ผู้รับลบอีเมลและยืนยันเป็นลายลักษณ์อักษร');
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
    await screenshot(admin, 'privacy-09-breach-notice-form');
    await update.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await visible(admin.getByText(/^บันทึกเหตุละเมิด .+ แล้ว$/));
    await visible(admin.getByRole('row').filter({ hasText: 'ส่งอีเมลรายชื่อผู้รับบริการผิดผู้รับ' }).getByText('แจ้งแล้ว'));
  });

  it('sets the retention period of a problem type', async () => {
    await admin
      .getByRole('navigation', { name: 'หน้าข้อมูลส่วนบุคคล' })
      .getByRole('link', { name: 'ระยะเวลาเก็บรักษา' })
      .click();
    await visible(admin.getByRole('heading', { level: 1, name: 'ระยะเวลาการเก็บรักษาข้อมูล' }));
    await visible(admin.getByTestId('retention-default'));
    const types = (await (await admin.request.get('/api/problem-types')).json()) as {
      items: { code: string; nameTh: string }[];
    };
    const name = types.items.find((type) => type.code === 'domestic_violence')?.nameTh ?? '';
    expect(name).not.toBe('');
    const years = admin.getByLabel(`จำนวนปีที่เก็บรักษา ${name}`);
    await years.fill('0');
    await admin
      .getByRole('form', { name: `ระยะเวลาเก็บรักษา ${name}` })
      .getByRole('button', { name: 'บันทึก' })
      .click();
    await visible(admin.getByText('กรุณาระบุจำนวนปีเป็นจำนวนเต็มระหว่าง 1 ถึง 100'));
    await years.fill('15');
    await admin
      .getByRole('form', { name: `ระยะเวลาเก็บรักษา ${name}` })
      .getByRole('button', { name: 'บันทึก' })
      .click();
    await visible(admin.getByText(`กำหนดให้ “${name}” เก็บรักษา 15 ปีแล้ว`));
    await visible(admin.getByRole('row').filter({ hasText: name }).getByText('15 ปี', { exact: true }));
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
    await screenshot(admin, 'privacy-10-retention');

    // In English, the same page speaks English.
    await admin.getByRole('button', { name: 'English', exact: true }).click();
    await visible(admin.getByRole('heading', { level: 1, name: 'Retention periods' }));
    await visible(admin.getByRole('row').filter({ hasText: '15 years' }));
    // The confirmation follows the switch too.
    await visible(admin.getByTestId('privacy-message').getByText(/is now kept for 15 years$/));
    await screenshot(admin, 'privacy-11-retention-en');
    await admin.getByRole('button', { name: 'ภาษาไทย', exact: true }).click();
    await visible(admin.getByRole('heading', { level: 1, name: 'ระยะเวลาการเก็บรักษาข้อมูล' }));
  });

  it('fits a phone: the registers turn into cards', async () => {
    // The administrator's session (two-step verification done) on a phone.
    await phone.addCookies(await adminContext.cookies());
    const small = await phone.newPage();
    await small.goto('/privacy/requests');
    await visible(small.getByRole('heading', { level: 1, name: 'คำขอของเจ้าของข้อมูลส่วนบุคคล' }));
    await small.getByRole('button', { name: 'ทั้งหมด', exact: true }).click();
    await visible(small.getByText(/^DSR-25\d\d-\d{4}$/));
    expect(await hasNoHorizontalOverflow(small)).toBe(true);
    expect(await seriousAccessibilityProblems(small)).toEqual([]);
    await screenshot(small, 'privacy-12-phone-requests');
    await small.goto('/privacy/breaches');
    await visible(small.getByRole('heading', { level: 1, name: 'ทะเบียนเหตุการละเมิดข้อมูลส่วนบุคคล' }));
    await visible(small.getByText('ส่งอีเมลรายชื่อผู้รับบริการผิดผู้รับ'));
    expect(await hasNoHorizontalOverflow(small)).toBe(true);
    await screenshot(small, 'privacy-13-phone-breaches');
    await small.goto(`/cases/${kase.id}`);
    await visible(small.getByTestId('case-access-log'));
    expect(await hasNoHorizontalOverflow(small)).toBe(true);
    await screenshot(small, 'privacy-14-phone-case');
    await small.close();
  });

  it('left nothing in the console', () => {
    expect(consoleProblems).toEqual([]);
  });
});
