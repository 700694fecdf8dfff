import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasNoHorizontalOverflow,
  screenshot,
  SCREENSHOTS,
  seriousAccessibilityProblems,
  visible,
  WAIT_MS,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';

/** Ratchaburi › Mueang Ratchaburi › Na Mueang. */
const PROVINCE = '70';
const DISTRICT = '7001';
const SUBDISTRICT = '700101';

const app = useAppUnderTest();

/** Chooses an option once the list has loaded it (districts and subdistricts arrive after the level above). */
async function choose(select: Locator, value: string): Promise<void> {
  await select.locator(`option[value="${value}"]`).waitFor({ state: 'attached', timeout: WAIT_MS });
  await select.selectOption(value);
}

describe('a report from the public website, on a phone', () => {
  let context: BrowserContext;
  let page: Page;
  let trackingCode = '';
  let pin = '';

  beforeAll(async () => {
    context = await app.newContext({ width: 360, height: 780, mobile: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('is offered from the sign-in page, without an account', async () => {
    await page.goto('/sign-in');
    await (await visible(page.getByRole('link', { name: 'แจ้งเรื่องขอความช่วยเหลือ' }))).click();
    await page.waitForURL('**/report', { timeout: WAIT_MS });
    await visible(page.getByRole('heading', { level: 1, name: 'แจ้งเรื่องขอความช่วยเหลือ' }));
    await visible(page.getByRole('link', { name: 'โทร 1300' }));
    expect(await page.getByRole('link', { name: 'ตำรวจ 191' }).getAttribute('href')).toBe('tel:191');
  });

  it('is filed in Thai — violence, in danger now, a Ratchaburi subdistrict, anonymous — and gives a code and PIN', async () => {
    // Sending without the story, the place and the consent names each problem next to its field.
    await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
    await visible(page.getByText('กรุณาเล่าเรื่องที่เกิดขึ้น'));
    await visible(page.getByText('กรุณาเลือกจังหวัดที่เกิดเหตุ'));
    await visible(page.getByText('กรุณาทำเครื่องหมายยินยอมก่อนส่งเรื่อง'));
    const story = page.getByLabel('เล่าเรื่องที่เกิดขึ้น');
    expect(await story.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');

    await story.fill('ได้ยินเสียงเด็กร้องและเสียงตีทุกคืนที่บ้านข้าง ๆ ตอนนี้ยังได้ยินอยู่');
    await page.getByRole('checkbox', { name: 'ความรุนแรง', exact: true }).check();
    await page.getByRole('checkbox', { name: 'อยู่ในอันตรายตอนนี้' }).check();
    await choose(page.getByLabel('จังหวัด'), PROVINCE);
    await choose(page.getByLabel('อำเภอ/เขต'), DISTRICT);
    await choose(page.getByLabel('ตำบล/แขวง'), SUBDISTRICT);
    // Anonymous unless the person chooses otherwise: no name or phone is asked for.
    expect(await page.getByRole('radio', { name: 'ไม่เปิดเผยชื่อ' }).isChecked()).toBe(true);
    expect(await page.getByLabel('เบอร์โทรศัพท์').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'ฉันอ่านและยินยอมตามข้างต้น' }).check();

    // The honeypot is there for robots only: out of sight, out of the tab order, hidden from screen readers.
    const honeypot = page.locator('input[name="website"]');
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    expect(await honeypot.getAttribute('autocomplete')).toBe('off');
    expect(await honeypot.inputValue()).toBe('');
    const box = await honeypot.boundingBox();
    expect(box === null || box.x + box.width < 0).toBe(true);

    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'public-report-01-form');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
    const heading = await visible(page.getByRole('heading', { level: 1, name: 'ได้รับเรื่องของคุณแล้ว' }));
    await page.waitForFunction(() => document.activeElement?.id === 'page-title', undefined, { timeout: WAIT_MS });
    expect(await heading.first().innerText()).toBe('ได้รับเรื่องของคุณแล้ว');
    await visible(page.getByText('จดหรือบันทึกภาพหน้าจอไว้ — เราจะไม่แสดง PIN อีก'));
    trackingCode = (await page.getByTestId('tracking-code').innerText()).trim();
    pin = (await page.getByTestId('pin').innerText()).trim();
    expect(trackingCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(pin).toMatch(/^\d{6}$/);
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'public-report-02-receipt');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('shows the stage for the tracking code and PIN, with no personal data', async () => {
    await page.getByRole('link', { name: 'ติดตามสถานะเรื่อง' }).click();
    await page.waitForURL('**/report/status', { timeout: WAIT_MS });
    await visible(page.getByRole('heading', { level: 1, name: 'ติดตามสถานะเรื่อง' }));
    // Typed as people do: small letters, no dash.
    await page.getByLabel('รหัสติดตามเรื่อง').fill(trackingCode.replace('-', '').toLowerCase());
    await page.getByLabel('รหัส PIN').fill(pin);
    await page.getByRole('button', { name: 'ดูสถานะ' }).click();
    const result = await visible(page.getByRole('status'));
    const text = await result.first().innerText();
    expect(text).toContain('รับเรื่องแล้ว');
    expect(text).toContain(trackingCode);
    // Dates in the Buddhist era (the year 25xx).
    expect(text).toMatch(/25\d\d/);
    expect(text).not.toMatch(/เด็กร้อง|ราชบุรี/);
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'public-report-03-status');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('answers a wrong PIN with the neutral message that never says which part was wrong', async () => {
    const wrongPin = pin === '000000' ? '111111' : '000000';
    await page.getByLabel('รหัส PIN').fill(wrongPin);
    await page.getByRole('button', { name: 'ดูสถานะ' }).click();
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.first().innerText()).toBe('ไม่พบเรื่อง หรือรหัส PIN ไม่ถูกต้อง');
    expect(await page.getByText('รับเรื่องแล้ว').count()).toBe(0);
    await screenshot(page, 'public-report-04-status-not-found');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });
});

/** A whole PNG, one red pixel, written out byte by byte (69 bytes). */
const RED_PIXEL_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de' +
    '0000000c4944415478da633860a90d0002e10125c443ce410000000049454e44ae426082',
  'hex',
);

describe('a report with a photo, on a phone', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await app.newContext({ width: 360, height: 780, mobile: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('refuses a file that is not a photo, whatever its name, and sends a PNG with the report', async () => {
    await page.goto('/report');
    await visible(page.getByRole('heading', { level: 1, name: 'แจ้งเรื่องขอความช่วยเหลือ' }));
    await page.getByLabel('เล่าเรื่องที่เกิดขึ้น').fill('เห็นเด็กถูกทิ้งไว้ในรถหน้าตลาด ถ่ายรูปไว้ให้ค่ะ');
    await choose(page.getByLabel('จังหวัด'), PROVINCE);
    // The privacy notice says who sees the photos.
    await visible(page.getByText('รูปภาพที่แนบมาถูกเก็บรักษาอย่างปลอดภัย และเห็นได้เฉพาะเจ้าหน้าที่ที่ดูแลเรื่องของคุณ'));
    await page.getByRole('checkbox', { name: 'ฉันอ่านและยินยอมตามข้างต้น' }).check();

    // Text renamed .jpg: the browser calls it image/jpeg from the name, the first bytes say otherwise.
    const picker = page.getByLabel('เลือกรูปภาพ (เพิ่มได้อีก 3 รูป)');
    await picker.setInputFiles({
      name: 'รูปหลักฐาน.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('นี่คือไฟล์ข้อความ ไม่ใช่รูปภาพ'),
    });
    const refused = await visible(
      page.getByText('“รูปหลักฐาน.jpg” ไม่ใช่ไฟล์รูปภาพที่รับได้ กรุณาเลือกรูป JPEG, PNG, WebP หรือ HEIC'),
    );
    expect(await page.getByRole('list', { name: 'รูปภาพที่เลือกไว้' }).count()).toBe(0);
    await refused.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}public-report-05-photo-refused.png` });

    // Two photos chosen, one taken off again: one is sent, its preview an object URL.
    await picker.setInputFiles([
      { name: 'ในรถ.png', mimeType: 'image/png', buffer: RED_PIXEL_PNG },
      { name: 'ป้ายทะเบียน.png', mimeType: 'image/png', buffer: RED_PIXEL_PNG },
    ]);
    const chosen = page.getByRole('list', { name: 'รูปภาพที่เลือกไว้' });
    await visible(chosen);
    expect(await chosen.getByRole('listitem').count()).toBe(2);
    expect(await page.getByText('ไม่ใช่ไฟล์รูปภาพที่รับได้', { exact: false }).count()).toBe(0);
    await page.getByRole('button', { name: 'ลบ รูปที่ 2 (ป้ายทะเบียน.png)' }).click();
    expect(await chosen.getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('ในรถ.png')]);
    expect(await chosen.locator('img').getAttribute('src')).toMatch(/^blob:/);
    await visible(page.getByLabel('เลือกรูปภาพ (เพิ่มได้อีก 2 รูป)'));

    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'public-report-05-photo');
    await chosen.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}public-report-05-photo-close.png` });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    const sent = page.waitForRequest((request) => request.url().endsWith('/api/public/reports'));
    await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
    const request = await sent;
    const headers = await request.allHeaders();
    expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(headers['idempotency-key']).toMatch(/^[A-Za-z0-9_:.-]{8,100}$/);

    await visible(page.getByRole('heading', { level: 1, name: 'ได้รับเรื่องของคุณแล้ว' }));
    expect((await page.getByTestId('tracking-code').innerText()).trim()).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await screenshot(page, 'public-report-06-photo-receipt');
  });
});

describe('a report placed by postcode, on a phone', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await app.newContext({ width: 360, height: 780, mobile: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('finds the Ratchaburi subdistricts of 70000 (typed in Thai digits), fills the selects from the one chosen, and sends', async () => {
    await page.goto('/report');
    await visible(page.getByRole('heading', { level: 1, name: 'แจ้งเรื่องขอความช่วยเหลือ' }));
    await page.getByLabel('เล่าเรื่องที่เกิดขึ้น').fill('มีเด็กเล็กถูกปล่อยไว้คนเดียวในห้องเช่าหลายวันแล้ว');

    const postcode = page.getByLabel('ค้นหาด้วยรหัสไปรษณีย์');
    expect(await postcode.getAttribute('inputmode')).toBe('numeric');
    // A postcode that no subdistrict has is said so, plainly.
    await postcode.fill('99999');
    await visible(page.getByRole('status').getByText('ไม่พบตำบลที่มีรหัสไปรษณีย์ 99999', { exact: false }));

    await postcode.fill('๗๐๐๐๐');
    expect(await postcode.inputValue()).toBe('70000');
    const matches = page.getByRole('list', { name: 'ตำบลที่มีรหัสไปรษณีย์ 70000' });
    await visible(matches);
    await visible(page.getByRole('status').getByText('ตำบลที่มีรหัสไปรษณีย์ 70000 — เลือกตำบลที่เกิดเหตุ', { exact: false }));
    // Nothing is chosen for the person, however few the matches.
    expect(await matches.locator('button[aria-pressed="true"]').count()).toBe(0);
    const count = await matches.getByRole('button').count();
    expect(count).toBeGreaterThan(1);
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    // The field at the top of the screen, the places below it.
    await postcode.evaluate((input) => input.closest('.postcode-finder')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SCREENSHOTS}public-report-07-postcode-matches.png` });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await matches.getByRole('button', { name: 'หน้าเมือง · เมืองราชบุรี · ราชบุรี' }).click();
    await page.waitForFunction(
      (code) =>
        (document.querySelector('select[id$="-place-subdistrict"]') as HTMLSelectElement | null)?.value === code,
      SUBDISTRICT,
      { timeout: WAIT_MS },
    );
    expect(await page.getByLabel('จังหวัด').inputValue()).toBe(PROVINCE);
    expect(await page.getByLabel('อำเภอ/เขต').inputValue()).toBe(DISTRICT);
    expect(await page.getByLabel('ตำบล/แขวง').inputValue()).toBe(SUBDISTRICT);
    await visible(page.getByRole('status').getByText('เลือกแล้ว: หน้าเมือง · เมืองราชบุรี · ราชบุรี'));
    // Only the chosen place stays listed, with a way back to the others.
    expect(await matches.getByRole('button').count()).toBe(1);
    expect(await matches.getByRole('button').getAttribute('aria-pressed')).toBe('true');
    await visible(page.getByRole('button', { name: `เปลี่ยน — แสดงทั้ง ${count} ตำบลที่มีรหัสนี้` }));
    await page.screenshot({ path: `${SCREENSHOTS}public-report-08-postcode-chosen.png` });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByRole('checkbox', { name: 'ฉันอ่านและยินยอมตามข้างต้น' }).check();
    const sent = page.waitForRequest((request) => request.url().endsWith('/api/public/reports'));
    await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
    expect((await sent).postDataJSON().location.areaCode).toBe(SUBDISTRICT);
    await visible(page.getByRole('heading', { level: 1, name: 'ได้รับเรื่องของคุณแล้ว' }));
    expect((await page.getByTestId('tracking-code').innerText()).trim()).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  });
});
