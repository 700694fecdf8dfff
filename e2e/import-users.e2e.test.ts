import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFrontLine1Workbook,
  type FrontLine1FixturePerson,
} from '../server/src/modules/people/front-line-1/build-front-line-1-fixture.ts';
import { linkIn } from '../server/test/smtp-sink.ts';
import {
  DEMO_PASSWORD,
  hasNoHorizontalOverflow,
  screenshot,
  seriousAccessibilityProblems,
  signIn,
  visible,
  WAIT_MS,
  signInAs,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';
import { signInAndSetUpTwoStep } from './support/two-step.ts';

/** The demo central administrator: has users.import everywhere, and must set up two-step verification first. */
const ADMIN = 'admin@oscc.example';
/** The demo coordinator of Ratchaburi: may import people into the province's units, no second factor. */
const COORDINATOR = 'coordinator@oscc.example';

const FILE_NAME = 'front-line-1-ราชบุรี.xlsx';
const NEW_UNIT = 'ศูนย์พัฒนาเด็กเล็กบ้านหนองปลาดุก';
const UNIT_PLACE = { subdistrict: 'หนองปลาหมอ', district: 'บ้านโป่ง', province: 'ราชบุรี', postcode: '70110' };

/** The person the test follows from the workbook to their first sign-in. */
const MALEE: FrontLine1FixturePerson & { email: string } = {
  titleTh: 'นางสาว',
  firstNameTh: 'มาลี',
  lastNameTh: 'ศรีสุข',
  firstNameEn: 'Malee',
  lastNameEn: 'Srisuk',
  position: 'นักพัฒนาชุมชนปฏิบัติการ',
  supervisorName: 'นายประเสริฐ มั่นคง',
  birthDate: '12/03/2525',
  gender: 'หญิง',
  mobile: '081-234-5678',
  email: 'malee.srisuk@ratchaburi.example.go.th',
  unit: { name: NEW_UNIT, address: '12 หมู่ 3', ...UNIT_PLACE },
};
const MALEE_NAME = 'นางสาวมาลี ศรีสุข';
const MALEE_PASSWORD = 'jasmine-opens-at-dawn-1300';

/** Written as clerks do: Buddhist-era date and mobile in Thai digits. */
const PRASERT: FrontLine1FixturePerson & { email: string } = {
  titleTh: 'นาย',
  firstNameTh: 'ประเสริฐ',
  lastNameTh: 'มั่นคง',
  firstNameEn: 'Prasert',
  lastNameEn: 'Mankong',
  position: 'หัวหน้าศูนย์พัฒนาเด็กเล็ก',
  birthDate: '๐๕/๑๑/๒๕๒๐',
  gender: 'ชาย',
  mobile: '๐๘๙-๘๗๖-๕๔๓๒',
  email: 'prasert.mankong@ratchaburi.example.go.th',
  unit: { name: NEW_UNIT, address: '12 หมู่ 3', ...UNIT_PLACE },
};

/** An e-mail without its @: the row the dry run must report, in Thai, and the import must leave out. */
const WICHAI: FrontLine1FixturePerson = {
  titleTh: 'นาย',
  firstNameTh: 'วิชัย',
  lastNameTh: 'ทองดี',
  position: 'เจ้าพนักงานธุรการ',
  birthDate: '01/01/2530',
  gender: 'ชาย',
  mobile: '086-555-0101',
  email: 'wichai.thongdee.ratchaburi.example.go.th',
  unit: { name: NEW_UNIT, address: '12 หมู่ 3', ...UNIT_PLACE },
};

const app = useAppUnderTest({ smtp: true });

let workbook: Buffer;

beforeAll(async () => {
  // The province form: the merged title, Thai headings over two merged header rows, ลำดับ in Thai digits, and a
  // blank row after the first person.
  workbook = await buildFrontLine1Workbook({
    sheets: [{ form: 'province', placeName: 'ราชบุรี', people: [MALEE, PRASERT, WICHAI], blankRowAfter: 1 }],
  });
});

/** The number a summary shows under its label ("จะสร้าง" → "2"). */
async function summaryCount(page: Page, label: string): Promise<string> {
  const entry = page
    .locator('dl[aria-label="สรุปผล"] > div')
    .filter({ has: page.locator('dt').getByText(label, { exact: true }) });
  return (await entry.locator('dd').innerText()).trim();
}

function tableRow(page: Page, text: string): Locator {
  return page.locator('tbody tr').filter({ hasText: text });
}

async function expectFocusOn(page: Page, locator: Locator): Promise<void> {
  await page.waitForFunction((element) => document.activeElement === element, await locator.elementHandle(), {
    timeout: WAIT_MS,
  });
}

async function chooseWorkbook(page: Page): Promise<void> {
  await page.getByLabel('ไฟล์แบบสำรวจ Front Line 1').setInputFiles({
    name: FILE_NAME,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: workbook,
  });
}

describe('importing the Front Line 1 workbook in the browser', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 900 });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('is offered on the users page to an administrator', async () => {
    await signInAndSetUpTwoStep(page, ADMIN, DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'ผู้ใช้งาน' }).click();
    await page.getByRole('link', { name: 'นำเข้าจากไฟล์ Front Line 1' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'นำเข้าผู้ใช้งานจากแบบสำรวจ Front Line 1' }));
    expect(new URL(page.url()).pathname).toBe('/users/import');
  });

  it('refuses a file that is not .xlsx or .csv before sending it', async () => {
    const input = page.getByLabel('ไฟล์แบบสำรวจ Front Line 1');
    await input.setInputFiles({ name: 'รายชื่อ.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();
    await visible(page.getByText('ไฟล์ “รายชื่อ.pdf” ไม่ใช่ไฟล์ .xlsx หรือ .csv', { exact: false }));
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await expectFocusOn(page, input);
  });

  it('reports row by row, in Thai, what a dry run would do and every error', async () => {
    await chooseWorkbook(page);
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();
    const heading = page.getByRole('heading', { level: 2, name: `ผลการตรวจสอบไฟล์ “${FILE_NAME}”` });
    await visible(heading);
    await expectFocusOn(page, heading);
    await visible(page.getByText('ยังไม่มีการเปลี่ยนแปลงข้อมูลใด ๆ', { exact: false }));

    expect(await summaryCount(page, 'จะสร้าง')).toBe('2');
    expect(await summaryCount(page, 'จะแก้ไข')).toBe('0');
    expect(await summaryCount(page, 'ไม่เปลี่ยนแปลง')).toBe('0');
    expect(await summaryCount(page, 'ข้อผิดพลาด')).toBe('1');
    expect(await summaryCount(page, 'หน่วยงานใหม่')).toBe('1');
    // The sheet, read as the province's form of Ratchaburi, with its three people (the blank row is skipped).
    await visible(page.getByText('แบบสำรวจระดับจังหวัด (ราชบุรี) · 3 แถว', { exact: false }));

    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    const malee = tableRow(page, MALEE.email);
    expect(await malee.innerText()).toContain(MALEE_NAME);
    expect(await malee.innerText()).toContain('สร้างใหม่');
    expect(await malee.innerText()).toContain(NEW_UNIT);
    expect(await malee.innerText()).toContain('หน่วยงานใหม่');
    // Thai digits in the date and mobile are read, not reported.
    expect(await tableRow(page, PRASERT.email).innerText()).toContain('สร้างใหม่');
    const wichai = tableRow(page, 'นายวิชัย ทองดี');
    const wichaiText = await wichai.innerText();
    expect(wichaiText).toContain('มีข้อผิดพลาด');
    expect(wichaiText).toContain('e-mail: รูปแบบ e-mail ไม่ถูกต้อง');
    // Rows are numbered as Excel shows them: title, two header rows, Malee, the blank row, Prasert, Wichai.
    expect(await wichai.locator('td').first().innerText()).toBe('7');
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, '23-import-dry-run');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByLabel('แสดงเฉพาะแถวที่มีข้อผิดพลาด (1 แถว)').check();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await visible(page.getByText('แสดง 1 จาก 1 แถว'));
    expect(await page.locator('tbody tr').innerText()).toContain('นายวิชัย ทองดี');
    await page.getByLabel('แสดงเฉพาะแถวที่มีข้อผิดพลาด (1 แถว)').uncheck();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);

    // In English, the problems are English; the column keeps the workbook's own (Thai) heading.
    await page.getByRole('button', { name: 'English' }).click();
    await visible(page.getByRole('heading', { level: 2, name: `Check of “${FILE_NAME}”` }));
    expect(await tableRow(page, 'นายวิชัย ทองดี').innerText()).toContain(
      'e-mail: The e-mail address is not valid, e.g. somchai@example.go.th.',
    );
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await visible(heading);
  });

  it('asks for confirmation with the counts, then imports the valid rows and reports the others', async () => {
    await page.getByRole('button', { name: 'นำเข้าข้อมูล', exact: true }).click();
    const confirm = page.getByRole('heading', { name: 'ยืนยันการนำเข้าข้อมูล' });
    await visible(confirm);
    await expectFocusOn(page, confirm);
    await visible(page.getByText('จะสร้างผู้ใช้ใหม่ 2 คน แก้ไขข้อมูล 0 คน และสร้างหน่วยงานใหม่ 1 แห่ง'));
    await visible(page.getByText('แถวที่มีข้อผิดพลาด 1 แถวจะไม่ถูกนำเข้า'));
    await page.getByRole('button', { name: 'ยืนยันการนำเข้า', exact: true }).click();

    const heading = page.getByRole('heading', { level: 2, name: `นำเข้าข้อมูลจากไฟล์ “${FILE_NAME}” แล้ว` });
    await visible(heading);
    await expectFocusOn(page, heading);
    expect(await summaryCount(page, 'สร้างแล้ว')).toBe('2');
    expect(await summaryCount(page, 'ไม่ได้นำเข้า')).toBe('1');
    expect(await summaryCount(page, 'หน่วยงานที่สร้าง')).toBe('1');
    await visible(page.getByText('ผู้ใช้ใหม่ทุกคนจะได้รับอีเมลเชิญ', { exact: false }));
    expect(await tableRow(page, 'นายวิชัย ทองดี').innerText()).toContain('รูปแบบ e-mail ไม่ถูกต้อง');
    await visible(page.getByRole('link', { name: 'ดูรายชื่อผู้ใช้งาน' }));
    await screenshot(page, '24-import-applied');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('lists the imported person with their supervisor and the unit their role covers', async () => {
    await page.getByRole('link', { name: 'ดูรายชื่อผู้ใช้งาน' }).click();
    await page.getByLabel('ค้นหาชื่อ อีเมล หรือเบอร์โทรศัพท์').fill('มาลี');
    await page.getByRole('link', { name: MALEE_NAME }).click();
    await visible(page.getByRole('heading', { level: 1, name: MALEE_NAME }));
    await visible(page.getByText('รอตั้งรหัสผ่าน'));
    await visible(page.getByText('12 มี.ค. 2525', { exact: false }));
    await visible(page.getByRole('link', { name: 'ประเสริฐ มั่นคง' }));
    await visible(page.getByText(`เจ้าหน้าที่หน่วยงาน (Front Line) · ${NEW_UNIT}`));
    await screenshot(page, '27-imported-person-detail');

    // The edit form offers the supervisor found by name, shown with their unit, and can clear it.
    await page.getByRole('button', { name: 'แก้ไข', exact: true }).click();
    const supervisor = page.getByLabel('ผู้บังคับบัญชา', { exact: true });
    await visible(supervisor);
    expect(await supervisor.locator('option:checked').innerText()).toContain('ประเสริฐ มั่นคง');
    await page.getByLabel('ค้นหาผู้บังคับบัญชา').fill('ประเสริฐ');
    await page.waitForFunction(
      (select) =>
        [...(select as HTMLSelectElement).options].some(
          (option) => option.text === 'นายประเสริฐ มั่นคง — ศูนย์พัฒนาเด็กเล็กบ้านหนองปลาดุก',
        ),
      await supervisor.elementHandle(),
      { timeout: WAIT_MS },
    );
    // Nobody is offered as their own supervisor.
    await page.getByLabel('ค้นหาผู้บังคับบัญชา').fill('มาลี');
    await expect
      .poll(() => supervisor.locator('option').allInnerTexts(), { timeout: WAIT_MS })
      .toEqual(['— ไม่ระบุ —', 'ประเสริฐ มั่นคง']);
    await screenshot(page, '28-user-edit-supervisor');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'ยกเลิก' }).click();
  });
});

describe('the invited person', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 800 });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('gets a Thai invitation e-mail with a single-use link and no password; the error row gets none', async () => {
    const mail = await app.waitForMail((message) => message.to.includes(MALEE.email));
    expect(mail.subject).toContain('เชิญเข้าใช้งานระบบ OSCC ศูนย์ช่วยเหลือสังคม 1300');
    expect(mail.text).toContain(`เรียน ${MALEE_NAME}`);
    expect(mail.text).toContain('กรุณาเปิดลิงก์ด้านล่างเพื่อตั้งรหัสผ่านของคุณเอง');
    expect(mail.text).toContain('ระบบจะไม่ส่งรหัสผ่านทางอีเมล');
    expect(mail.text).not.toContain(DEMO_PASSWORD);
    expect(mail.text).not.toMatch(/(รหัสผ่าน|password)\s*[:：]/i);
    const link = linkIn(mail.text);
    expect(link.origin).toBe(app.baseUrl());
    expect(link.searchParams.get('purpose')).toBe('invitation');

    await app.waitForMail((message) => message.to.includes(PRASERT.email));
    const wichaiMail = await app
      .waitForMail((message) => message.to.includes('wichai'), 1_000)
      .then(() => true)
      .catch(() => false);
    expect(wichaiMail).toBe(false);
  });

  it('sets a password from the link and signs in to a home page with their name', async () => {
    const mail = await app.waitForMail((message) => message.to.includes(MALEE.email));
    await page.goto(linkIn(mail.text).href);
    await visible(page.getByRole('heading', { level: 1, name: 'ตั้งรหัสผ่านเพื่อเริ่มใช้งาน' }));
    await visible(page.getByText(`สำหรับบัญชี ${MALEE.email}`));
    await page.getByLabel('รหัสผ่านใหม่', { exact: true }).fill(MALEE_PASSWORD);
    await page.getByLabel('ยืนยันรหัสผ่านใหม่').fill(MALEE_PASSWORD);
    await page.getByRole('button', { name: 'ตั้งรหัสผ่าน' }).click();
    await visible(page.getByText('ตั้งรหัสผ่านเรียบร้อยแล้ว', { exact: false }));
    await page.getByRole('button', { name: 'ไปหน้าเข้าสู่ระบบ' }).click();
    await page.waitForURL('**/sign-in', { timeout: WAIT_MS });

    await signIn(page, MALEE.email, MALEE_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/', { timeout: WAIT_MS });
    await visible(page.getByRole('main').getByRole('heading', { name: `สวัสดี ${MALEE_NAME}` }));
    await visible(page.getByRole('main').getByText(NEW_UNIT));
    await screenshot(page, '25-imported-person-home');
  });

  it('cannot use the link a second time', async () => {
    const mail = await app.waitForMail((message) => message.to.includes(MALEE.email));
    const again = await app.newContext({ width: 1280, height: 800 });
    try {
      const againPage = await again.newPage();
      await againPage.goto(linkIn(mail.text).href);
      expect(await (await visible(againPage.getByRole('alert'))).innerText()).toContain('ลิงก์นี้ใช้ไม่ได้แล้ว');
    } finally {
      await again.close();
    }
  });
});

describe('importing on a phone', () => {
  it('fits the screen, and importing the same file again changes nothing', async () => {
    const phone = await app.newContext({ width: 390, height: 844, mobile: true });
    try {
      const page = await phone.newPage();
      await signInAs(page, COORDINATOR);
      await page.goto('/users/import');
      await visible(page.getByRole('heading', { level: 1, name: 'นำเข้าผู้ใช้งานจากแบบสำรวจ Front Line 1' }));
      await chooseWorkbook(page);
      await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();
      await visible(page.getByRole('heading', { level: 2, name: `ผลการตรวจสอบไฟล์ “${FILE_NAME}”` }));
      expect(await summaryCount(page, 'จะสร้าง')).toBe('0');
      expect(await summaryCount(page, 'ไม่เปลี่ยนแปลง')).toBe('2');
      expect(await summaryCount(page, 'ข้อผิดพลาด')).toBe('1');
      await visible(page.getByText('ไม่มีแถวที่จะสร้างหรือแก้ไข', { exact: false }));
      expect(await page.getByRole('button', { name: 'นำเข้าข้อมูล', exact: true }).count()).toBe(0);
      expect(await hasNoHorizontalOverflow(page)).toBe(true);
      await screenshot(page, '26-phone-import-again');
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
