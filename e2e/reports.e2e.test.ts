import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Download, Locator, Page } from 'playwright-core';
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
const COORDINATOR = 'coordinator@oscc.example'; // province coordinator, Ratchaburi
const PROBLEM = 'domestic_violence';

const app = useAppUnderTest();

/** A contact at the hotline (or at a counter), recorded through the API as the call-taker. */
async function recordContact(
  page: Page,
  contact: { channel: 'hotline' | 'walk_in'; problem?: string; areaCode?: string; crisis?: boolean },
): Promise<void> {
  const response = await page.request.post('/api/intake/contacts', {
    headers: await csrfHeaders(page),
    data: contact.problem
      ? {
          channel: contact.channel,
          outcome: 'case',
          case: {
            problemTypes: [contact.problem],
            crisis: contact.crisis ?? false,
            severity: contact.crisis ? 4 : 2,
            location: { areaCode: contact.areaCode ?? '700101', address: 'ถนนเพชรเกษม' },
            narrative: 'ผู้แจ้งขอความช่วยเหลือ เจ้าหน้าที่บันทึกเพื่อทดสอบรายงาน',
            reporter: { anonymous: true, relation: 'neighbour' },
          },
        }
      : { channel: contact.channel, outcome: 'advice', summary: 'ให้คำปรึกษาเรื่องสิทธิสวัสดิการ' },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** The number a figure shows ("1,234" → 1234). */
async function numberIn(locator: Locator): Promise<number> {
  const text = (await (await visible(locator)).first().innerText()).replace(/[^\d]/g, '');
  return Number(text);
}

const figure = (page: Page, testId: string) => page.getByTestId(testId).locator('.report-figure-value').first();

/** Every row of every sheet, as text cells (numbers as written). */
async function workbookRows(path: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const rows: string[][] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value;
        if (value === null || value === undefined) return;
        if (typeof value === 'object' && 'richText' in value)
          cells.push(value.richText.map((part) => part.text).join(''));
        else if (typeof value === 'object' && 'result' in value) cells.push(String(value.result));
        else cells.push(String(value));
      });
      rows.push(cells);
    });
  });
  return rows;
}

async function download(page: Page, link: Locator): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), link.click()]);
  return file;
}

describe('an executive reads the reports of their province, drills down to the cases and exports them', () => {
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  let problemName: string;
  /** Where the downloaded files are kept while they are read. */
  let downloads: string;
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    downloads = await mkdtemp(path.join(tmpdir(), 'oscc-reports-'));
    [desktop, phone] = await Promise.all([
      app.newContext({ width: 1280, height: 900 }),
      app.newContext({ width: 390, height: 844, mobile: true }),
    ]);
    page = await desktop.newPage();
    page.on('console', (message) => {
      // Expected: the sign-in page asking for a session (401).
      if (/status of 401\b/.test(message.text())) return;
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));

    // The hotline's day: domestic violence and poverty in Ratchaburi (one a crisis), one case in Bangkok (outside the
    // coordinator's province), and two calls that became no case.
    const desk = await desktop.newPage();
    await signInAs(desk, CALL_TAKER);
    for (const contact of [
      { channel: 'hotline', problem: PROBLEM },
      { channel: 'hotline', problem: PROBLEM, crisis: true },
      { channel: 'walk_in', problem: PROBLEM },
      { channel: 'hotline', problem: 'poverty' },
      { channel: 'walk_in', problem: 'poverty' },
      { channel: 'hotline', problem: 'elderly', areaCode: '100101' },
      { channel: 'hotline' },
      { channel: 'hotline' },
    ] as const)
      await recordContact(desk, contact);
    const types = (await (await desk.request.get('/api/problem-types')).json()) as {
      items: { code: string; nameTh: string }[];
    };
    problemName = types.items.find((type) => type.code === PROBLEM)?.nameTh ?? '';
    expect(problemName).not.toBe('');
    await desk.close();
  });

  afterAll(async () => {
    await Promise.all([desktop?.close(), phone?.close()]);
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it('opens the dashboard from the menu, scoped to Ratchaburi, with the period in the Buddhist era', async () => {
    await signInAs(page, COORDINATOR);
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'รายงาน', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'รายงานและแดชบอร์ด' }));
    await visible(page.getByTestId('report-scope').getByText(/ราชบุรี/));
    await visible(page.getByTestId('report-period').getByText(/25\d\d$/));
    await visible(page.getByRole('button', { name: '12 เดือนล่าสุด', pressed: true }));
    // Five of the six cases are the coordinator's; Bangkok's is not.
    expect(await numberIn(figure(page, 'figure-cases'))).toBeGreaterThanOrEqual(5);
    await visible(page.getByRole('region', { name: 'เรื่องแยกตามประเภทปัญหา' }));
    await visible(page.getByRole('link', { name: /^[ก-๙.]+ \d\d: \d+ เรื่อง วิกฤต \d+ เรื่อง$/ }));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'reports-01-dashboard');
    expect(consoleProblems).toEqual([]);
  });

  it('colours the provinces on the map, names one on focus, and narrows the dashboard to it on Enter', async () => {
    const ratchaburi = page.getByRole('link', { name: /^ราชบุรี · จำนวนเรื่อง: \d+ เรื่อง$/ });
    await visible(ratchaburi);
    expect(await page.locator('.report-map-province').count()).toBe(77);
    await visible(page.getByText('แผนที่: svg-maps (CC BY 4.0)'));
    await ratchaburi.focus();
    await visible(page.getByTestId('map-pointed').getByText(/^ราชบุรี · จำนวนเรื่อง: \d+ เรื่อง$/));
    // Bangkok's case is outside the coordinator's scope: no data there.
    await visible(page.getByRole('link', { name: 'กรุงเทพมหานคร · จำนวนเรื่อง: ไม่มีข้อมูล' }));
    await page
      .locator('.report-map')
      .first()
      .screenshot({ path: `${SCREENSHOTS}reports-02-map.png` });

    await page.getByLabel('แสดงตาม').selectOption('reached');
    await visible(page.getByRole('link', { name: /^ราชบุรี · สัดส่วนที่ติดต่อกลับภายใน 24 ชั่วโมง: / }));
    await page.getByLabel('แสดงตาม').selectOption('cases');

    await ratchaburi.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('provinceCode') === '70', { timeout: WAIT_MS });
    await visible(page.getByRole('button', { name: 'กลับไปดูทุกจังหวัด' }));
    await expect.poll(() => page.getByLabel('จังหวัด', { exact: true }).inputValue()).toBe('70');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'reports-03-province');
  });

  it('filters by a problem and a period, and lists exactly the cases a figure counts', async () => {
    await page.getByLabel('ประเภทปัญหา', { exact: true }).selectOption({ label: problemName });
    await page.waitForURL((url) => url.searchParams.get('problem') === PROBLEM, { timeout: WAIT_MS });
    await page.getByRole('button', { name: 'เดือนนี้' }).click();
    await page.waitForURL((url) => url.searchParams.has('from'), { timeout: WAIT_MS });
    await visible(page.getByRole('button', { name: 'เดือนนี้', pressed: true }));
    await expect.poll(() => numberIn(figure(page, 'figure-cases')), { timeout: WAIT_MS }).toBe(3);
    await expect.poll(() => numberIn(figure(page, 'figure-crisis')), { timeout: WAIT_MS }).toBe(1);
    await screenshot(page, 'reports-04-filtered');

    const cases = await numberIn(figure(page, 'figure-cases'));
    await page.getByTestId('figure-cases').getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/reports/cases', { timeout: WAIT_MS });
    const heading = page.getByRole('heading', { level: 1 });
    await visible(heading.getByText(new RegExp(`^เรื่องที่รับ · ${problemName} · ราชบุรี · .*25\\d\\d`)));
    await visible(page.getByRole('heading', { level: 2, name: `ทั้งหมด ${cases} เรื่อง` }));
    expect(await page.getByRole('table').getByRole('row').count()).toBe(cases + 1);
    await visible(
      page
        .getByRole('table')
        .getByText(/25\d\d/)
        .first(),
    );
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'reports-05-cases');

    // The "not yet due" part of the 24-hour figure: its own list, as long as the figure says.
    await page.getByRole('link', { name: 'กลับไปที่แดชบอร์ด (ตัวกรองเดิม)' }).click();
    await page.waitForURL((url) => url.pathname === '/reports', { timeout: WAIT_MS });
    const pendingLink = page.getByTestId('figure-reached').getByRole('link', { name: /^ยังไม่ถึงกำหนด \d+ เรื่อง$/ });
    const pending = await numberIn(pendingLink);
    await pendingLink.click();
    await visible(page.getByRole('heading', { level: 1, name: /^เรื่องที่ยังไม่ได้ติดต่อกลับและยังไม่ถึงกำหนด · / }));
    await visible(page.getByRole('heading', { level: 2, name: `ทั้งหมด ${pending} เรื่อง` }));

    // A case of the list opens as itself.
    const first = page.getByRole('table').getByRole('link').first();
    const caseNumber = (await first.innerText()).trim();
    await first.click();
    await visible(page.getByRole('heading', { level: 1, name: `เรื่อง ${caseNumber}` }));
    await screenshot(page, 'reports-06-case');
    await page.goBack();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/reports', { timeout: WAIT_MS });
    expect(consoleProblems).toEqual([]);
  });

  it('exports the dashboard as .xlsx with the figures on the screen, and as CSV and PDF', async () => {
    // The whole province for the last twelve months, as the table by problem shows it.
    await page.getByRole('button', { name: '12 เดือนล่าสุด' }).click();
    await page.getByLabel('ประเภทปัญหา', { exact: true }).selectOption('');
    await page.waitForURL((url) => !url.searchParams.has('problem') && !url.searchParams.has('from'), {
      timeout: WAIT_MS,
    });
    const table = page.getByRole('region', { name: 'เรื่องแยกตามประเภทปัญหา' });
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: problemName, exact: true }) });
    await visible(row);
    const onScreen = {
      cases: await numberIn(figure(page, 'figure-cases')),
      problem: await numberIn(row.locator('td[data-label="เรื่อง"]')),
      problemCrisis: await numberIn(row.locator('td[data-label="วิกฤต"]')),
    };
    expect(onScreen.problem).toBeGreaterThanOrEqual(3);

    const exports = page.getByRole('group', { name: /^ดาวน์โหลด/ });
    const xlsx = await download(page, exports.getByRole('link', { name: 'Excel (.xlsx)' }));
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsxPath = path.join(downloads, 'dashboard.xlsx');
    await xlsx.saveAs(xlsxPath);
    const rows = await workbookRows(xlsxPath);
    // The key figures' sheet: "เรื่องที่รับ | 5"; the problems' sheet: "ความรุนแรงในครอบครัว | 3 | 1 | …".
    const received = rows.find((cells) => cells[0] === 'เรื่องที่รับ');
    expect(received, JSON.stringify(rows.slice(0, 40))).toBeDefined();
    expect(received?.[1]).toBe(String(onScreen.cases));
    const problemRow = rows.find((cells) => cells[0] === problemName);
    expect(problemRow, JSON.stringify(rows.slice(0, 40))).toBeDefined();
    expect(problemRow?.slice(1, 3)).toEqual([String(onScreen.problem), String(onScreen.problemCrisis)]);

    for (const [name, extension, type] of [
      ['CSV', 'csv', /^text\/csv/],
      ['PDF', 'pdf', /^application\/pdf/],
    ] as const) {
      const link = exports.getByRole('link', { name, exact: true });
      const file = await download(page, link);
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${extension}$`));
      const saved = path.join(downloads, `dashboard.${extension}`);
      await file.saveAs(saved);
      const content = await readFile(saved);
      expect(content.length).toBeGreaterThan(100);
      const response = await page.request.get((await link.getAttribute('href')) ?? '');
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(type);
      if (extension === 'pdf') expect(content.subarray(0, 5).toString()).toBe('%PDF-');
      else expect(content.toString('utf8')).toContain(problemName);
    }
  });

  it('shows the standard reports with their figures linked to the cases', async () => {
    await page.getByRole('navigation', { name: 'หน้ารายงาน' }).getByRole('link', { name: 'รายงานมาตรฐาน' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'รายงานมาตรฐาน' }));
    for (const kind of ['รายงานประจำเดือนสำหรับผู้บริหาร', 'สถิติการให้บริการ 1300', 'การปฏิบัติตามกรอบเวลา']) {
      await page.getByRole('button', { name: kind }).click();
      await visible(page.getByRole('button', { name: kind, pressed: true }));
      await visible(page.locator('.report-document').getByRole('table').first());
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
    }
    // The monthly report covers last month unless told otherwise; this month has the day's cases.
    await page.getByRole('button', { name: 'รายงานประจำเดือนสำหรับผู้บริหาร' }).click();
    await visible(page.getByRole('button', { name: 'เดือนที่แล้ว', pressed: true }));
    await page.getByRole('button', { name: 'เดือนนี้' }).click();
    await page.waitForURL((url) => url.searchParams.has('from'), { timeout: WAIT_MS });
    const drill = page.locator('.report-document .report-drill-link').first();
    await visible(drill);
    await screenshot(page, 'reports-07-standard');
    const count = await numberIn(drill);
    await drill.click();
    await visible(page.getByRole('heading', { level: 2, name: `ทั้งหมด ${count} เรื่อง` }));
    await page.goBack();
    expect(consoleProblems).toEqual([]);
  });

  it('subscribes to a weekly report by e-mail and cancels it', async () => {
    await page.goto('/reports/subscriptions');
    await visible(page.getByRole('heading', { level: 1, name: 'รับรายงานทางอีเมล' }));
    await visible(page.getByText('ยังไม่ได้สมัครรับรายงาน เพิ่มได้จากแบบฟอร์มด้านล่าง'));
    await page.getByLabel('รายงาน', { exact: true }).selectOption({ label: 'สถิติการให้บริการ 1300' });
    await page.getByLabel('ความถี่').selectOption('weekly');
    await page.getByLabel('วันที่ส่ง').selectOption({ label: 'วันจันทร์' });
    await page.getByLabel('รูปแบบไฟล์').selectOption('pdf');
    await page.getByLabel('ประเภทปัญหา', { exact: true }).selectOption({ label: problemName });
    await page.getByRole('button', { name: 'สมัครรับรายงาน' }).click();
    await visible(page.getByRole('status').getByText('สมัครรับ “สถิติการให้บริการ 1300” ทางอีเมลแล้ว'));
    const row = page.getByRole('row').filter({ hasText: 'รายสัปดาห์ ทุกวันจันทร์' });
    await visible(row.getByText(problemName));
    await visible(row.getByText(/25\d\d/).first());
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'reports-08-subscriptions');
    await row.getByRole('button', { name: /^ยกเลิก/ }).click();
    await visible(page.getByText('ยังไม่ได้สมัครรับรายงาน เพิ่มได้จากแบบฟอร์มด้านล่าง'));
    expect(consoleProblems).toEqual([]);
  });

  it('reads in English with the same figures', async () => {
    await page.goto('/reports');
    const cases = await numberIn(figure(page, 'figure-cases'));
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Reports and dashboard' }));
    await visible(page.getByTestId('report-period').getByText(/25\d\d/));
    expect(await numberIn(figure(page, 'figure-cases'))).toBe(cases);
    await screenshot(page, 'reports-09-english');
    await page.getByRole('button', { name: /ภาษาไทย/ }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'รายงานและแดชบอร์ด' }));
  });

  it('shows a unit head the dashboard of their unit, without exports or subscriptions', async () => {
    const head = await desktop.newPage();
    await signInAs(head, 'head@oscc.example');
    await head.goto('/reports');
    await visible(head.getByRole('heading', { level: 1, name: 'รายงานและแดชบอร์ด' }));
    await visible(head.getByTestId('report-scope'));
    await visible(figure(head, 'figure-cases'));
    expect(await head.getByRole('group', { name: /^ดาวน์โหลด/ }).count()).toBe(0);
    expect(await head.getByRole('link', { name: 'รับรายงานทางอีเมล' }).count()).toBe(0);
    await head.goto('/reports/subscriptions');
    await visible(head.getByRole('heading', { level: 1, name: 'ไม่มีสิทธิ์เข้าถึง' }));
    expect(await head.getByRole('button', { name: 'สมัครรับรายงาน' }).count()).toBe(0);
    await head.close();
  });

  it('shows the central administrator the whole country, and Bangkok’s case when Bangkok is chosen on the map', async () => {
    const national = await app.newContext({ width: 1280, height: 900 });
    const admin = await national.newPage();
    await signInAndSetUpTwoStep(admin, 'admin@oscc.example', DEMO_PASSWORD);
    await admin.goto('/reports');
    await visible(admin.getByTestId('report-scope').getByText('ทั่วประเทศ'));
    const bangkok = admin.getByRole('link', { name: /^กรุงเทพมหานคร · จำนวนเรื่อง: \d+ เรื่อง$/ });
    await visible(bangkok);
    await visible(admin.getByRole('link', { name: /^ราชบุรี · จำนวนเรื่อง: \d+ เรื่อง$/ }));
    await admin
      .locator('.report-map')
      .first()
      .screenshot({ path: `${SCREENSHOTS}reports-12-national-map.png` });
    await bangkok.focus();
    await admin.keyboard.press('Enter');
    await admin.waitForURL((url) => url.searchParams.get('provinceCode') === '10', { timeout: WAIT_MS });
    await expect.poll(() => numberIn(figure(admin, 'figure-cases')), { timeout: WAIT_MS }).toBe(1);
    expect(await seriousAccessibilityProblems(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'กลับไปดูทุกจังหวัด' }).click();
    await admin.waitForURL((url) => !url.searchParams.has('provinceCode'), { timeout: WAIT_MS });
    await national.close();
  });

  it('fits a phone: the dashboard, the map and the list of cases as cards', async () => {
    const small = await phone.newPage();
    await signInAs(small, COORDINATOR);
    await small.goto('/reports');
    await visible(small.getByRole('heading', { level: 1, name: 'รายงานและแดชบอร์ด' }));
    await visible(small.locator('.report-map-province').first());
    expect(await hasNoHorizontalOverflow(small)).toBe(true);
    expect(await seriousAccessibilityProblems(small)).toEqual([]);
    await screenshot(small, 'reports-10-phone-dashboard');
    await small.screenshot({ path: `${SCREENSHOTS}reports-10a-phone-top.png` });
    await small.getByTestId('report-figures').scrollIntoViewIfNeeded();
    await small.screenshot({ path: `${SCREENSHOTS}reports-10b-phone-figures.png` });
    await small.locator('.report-map').scrollIntoViewIfNeeded();
    await small.screenshot({ path: `${SCREENSHOTS}reports-10c-phone-map.png` });
    await small.getByTestId('figure-cases').getByRole('link').click();
    await visible(small.getByRole('heading', { level: 2, name: /^ทั้งหมด \d+ เรื่อง$/ }));
    expect(await hasNoHorizontalOverflow(small)).toBe(true);
    await screenshot(small, 'reports-11-phone-cases');
    await small.close();
  });
});
