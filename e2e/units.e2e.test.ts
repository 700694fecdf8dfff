import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasNoHorizontalOverflow,
  screenshot,
  seriousAccessibilityProblems,
  visible,
  optionsLoaded,
  WAIT_MS,
  signInAs,
} from './support/pages.ts';
import { useAppUnderTest } from './support/suite.ts';

const COORDINATOR = 'coordinator@oscc.example';
/** A code no demo unit has, so the new unit can be searched for by it. */
const NEW_CODE = 'E2E-RB-0001';
const NEW_NAME = 'ศูนย์ทดสอบการส่งต่อ จังหวัดราชบุรี';

const app = useAppUnderTest();

describe('units and agencies for a province coordinator', () => {
  let context: BrowserContext;
  let page: Page;
  let unitUrl = '';

  beforeAll(async () => {
    context = await app.newContext({ width: 1280, height: 900 });
    page = await context.newPage();
    await signInAs(page, COORDINATOR);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('finds the Ratchaburi hospital crisis centre by a Thai search typed without spaces', async () => {
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'หน่วยงาน', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'หน่วยงาน' }));
    await page.getByLabel('ค้นหาชื่อหรือรหัสหน่วยงาน').fill('ศูนย์พึ่งได้ราชบุรี');
    const result = page.getByRole('link', { name: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี', exact: true });
    await visible(result);
    // The search is in the address, so the list can be shared or reloaded as it is.
    await page.waitForURL((url) => url.searchParams.get('q') === 'ศูนย์พึ่งได้ราชบุรี', { timeout: WAIT_MS });
    await page.reload();
    await visible(page.getByRole('link', { name: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี', exact: true }));
    expect(await page.getByLabel('ค้นหาชื่อหรือรหัสหน่วยงาน').inputValue()).toBe('ศูนย์พึ่งได้ราชบุรี');

    await page.getByRole('link', { name: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี' }));
    const details = page.getByRole('region', { name: 'ข้อมูลหน่วยงาน' });
    await visible(details.getByText('MOPH-OSCC-70-03'));
    await visible(details.getByText('กระทรวงสาธารณสุข', { exact: true }));
    await visible(details.getByText('ศูนย์พึ่งได้ (โรงพยาบาล)'));
    await visible(details.getByText('อำเภอเมืองราชบุรี จังหวัดราชบุรี'));
    await visible(details.getByText('ตลอด 24 ชั่วโมง'));
    await visible(page.getByRole('region', { name: 'พื้นที่รับผิดชอบ' }).getByText('จังหวัดราชบุรี'));
    const problems = page.getByRole('region', { name: 'ประเภทปัญหาที่รับ' });
    await visible(problems.getByText('ความรุนแรงในครอบครัว'));
    await visible(problems.getByText('เร่งด่วน').first());
    const history = page.getByRole('main').getByRole('link', { name: 'ประวัติการเปลี่ยนแปลง', exact: true });
    expect(await history.getAttribute('href')).toMatch(/^\/audit\?entityType=unit&entityId=[0-9a-f-]{36}$/);
    await screenshot(page, 'units-01-unit-page');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('creates a unit in Ratchaburi with business hours, a district as its area and two problem types', async () => {
    await page.goto('/units');
    await page.getByRole('link', { name: 'เพิ่มหน่วยงาน' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'เพิ่มหน่วยงาน' }));

    // Saving with nothing filled in points at the first missing field.
    await page.getByRole('button', { name: 'เพิ่มหน่วยงาน', exact: true }).click();
    await visible(page.getByText('กรุณาแก้ไขข้อมูลที่ระบุด้านล่าง'));
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true', null, {
      timeout: WAIT_MS,
    });

    const identity = page.getByRole('group', { name: 'ข้อมูลหน่วยงาน' });
    await identity.getByLabel('ชื่อหน่วยงาน (ภาษาไทย)').fill(NEW_NAME);
    await identity.getByLabel('รหัสหน่วยงาน').fill(NEW_CODE);
    await identity.getByLabel('ประเภทหน่วยงาน').selectOption({ label: 'บ้านพักเด็กและครอบครัว' });
    const agency = identity.getByLabel('สังกัด');
    const agencyValue = await agency.locator('option', { hasText: 'กรมกิจการเด็กและเยาวชน' }).getAttribute('value');
    await agency.selectOption(agencyValue ?? '');

    const location = page.getByRole('group', { name: 'ที่ตั้งและการติดต่อ' });
    await location.getByLabel('จังหวัด').selectOption({ label: 'ราชบุรี' });
    await optionsLoaded(page, location.getByLabel('อำเภอ/เขต'));
    await location.getByLabel('อำเภอ/เขต').selectOption({ label: 'เมืองราชบุรี' });
    await optionsLoaded(page, location.getByLabel('ตำบล/แขวง'));
    await location.getByLabel('ตำบล/แขวง').selectOption({ label: 'หน้าเมือง (70000)' });
    // The subdistrict's postcode is filled in.
    expect(await location.getByLabel('รหัสไปรษณีย์').inputValue()).toBe('70000');

    // Government hours are the default; Saturday mornings are added.
    const hours = page.getByRole('group', { name: 'เวลาทำการ', exact: true });
    expect(await hours.getByLabel('ตามวันและเวลาทำการ').isChecked()).toBe(true);
    const saturday = hours.getByRole('group', { name: 'เสาร์' });
    await saturday.getByLabel('เปิดทำการ').check();
    await saturday.getByLabel('เวลาเปิด').fill('9.00');
    await saturday.getByLabel('เวลาปิด').fill('1200');
    await saturday.getByLabel('เวลาปิด').blur();
    await visible(hours.getByText('สรุป: จันทร์–ศุกร์ 08:30–16:30, เสาร์ 09:00–12:00 · ปิดวันหยุดราชการ'));

    // One district of Ratchaburi as the area of responsibility.
    const picker = page.getByRole('group', { name: 'เพิ่มพื้นที่รับผิดชอบ' });
    await picker.getByLabel('จังหวัด').selectOption({ label: 'ราชบุรี' });
    await optionsLoaded(page, picker.getByLabel('อำเภอ/เขต'));
    await picker.getByLabel('อำเภอ/เขต').selectOption({ label: 'บ้านโป่ง' });
    await picker.getByRole('button', { name: 'เพิ่มพื้นที่' }).click();
    await visible(page.getByText('เพิ่มอำเภอบ้านโป่งแล้ว'));
    await visible(page.getByRole('button', { name: 'ลบอำเภอบ้านโป่ง' }));

    const problemTypes = page.getByRole('group', { name: 'ประเภทปัญหาที่รับ' });
    await problemTypes.getByRole('checkbox', { name: 'ความรุนแรงในครอบครัว', exact: true }).check();
    await problemTypes.getByRole('checkbox', { name: 'ผู้สูงอายุ', exact: true }).check();

    await screenshot(page, 'units-02-form');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'เพิ่มหน่วยงาน', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: NEW_NAME }));
    await visible(page.getByText('เพิ่มหน่วยงานแล้ว'));
    unitUrl = new URL(page.url()).pathname;
    expect(unitUrl).toMatch(/^\/units\/[0-9a-f-]{36}$/);
    const details = page.getByRole('region', { name: 'ข้อมูลหน่วยงาน' });
    await visible(details.getByText('จันทร์–ศุกร์ 08:30–16:30, เสาร์ 09:00–12:00 · ปิดวันหยุดราชการ'));
    await visible(details.getByText('กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์', { exact: true }));
    await visible(details.getByText('ตำบลหน้าเมือง อำเภอเมืองราชบุรี จังหวัดราชบุรี 70000'));
    await visible(page.getByRole('region', { name: 'พื้นที่รับผิดชอบ' }).getByText('อำเภอบ้านโป่ง'));
    const problems = page.getByRole('region', { name: 'ประเภทปัญหาที่รับ' });
    await visible(problems.getByText('ความรุนแรงในครอบครัว'));
    await visible(problems.getByText('ผู้สูงอายุ'));
  });

  it('edits the phone number of the new unit', async () => {
    await page.getByRole('link', { name: 'แก้ไขข้อมูล' }).click();
    await visible(page.getByRole('heading', { level: 1, name: `แก้ไขข้อมูลหน่วยงาน: ${NEW_NAME}` }));
    await page.getByLabel('โทรศัพท์').fill('032-123-456');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await visible(page.getByText('บันทึกข้อมูลหน่วยงานแล้ว'));
    expect(new URL(page.url()).pathname).toBe(unitUrl);
    await visible(page.getByRole('link', { name: '032-123-456' }));
    // Nothing else was lost on the way.
    await visible(page.getByRole('region', { name: 'พื้นที่รับผิดชอบ' }).getByText('อำเภอบ้านโป่ง'));
  });

  it('deactivates the unit: it leaves the default list and is found under closed units', async () => {
    await page.getByRole('button', { name: 'ปิดหน่วยงาน' }).click();
    await visible(page.getByRole('heading', { level: 3, name: 'ปิดหน่วยงาน' }));
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('ปิดหน่วยงาน');
    await page.getByLabel('เหตุผล').fill('ทดสอบการปิดหน่วยงาน');
    await page.getByRole('button', { name: 'ยืนยันการปิดหน่วยงาน' }).click();
    await visible(page.getByText('ปิดหน่วยงานแล้ว', { exact: true }));
    await visible(page.getByText('ปิดให้บริการแล้ว'));
    await visible(page.getByRole('button', { name: 'เปิดหน่วยงานอีกครั้ง' }));

    await page.goto(`/units?q=${NEW_CODE}`);
    await visible(page.getByText('ไม่พบหน่วยงานที่ตรงกับเงื่อนไข'));
    await page.getByLabel('สถานะ').selectOption({ label: 'ปิดให้บริการแล้ว' });
    await visible(page.getByRole('link', { name: NEW_NAME }));
    await page.waitForURL((url) => url.searchParams.get('status') === 'inactive', { timeout: WAIT_MS });
  });

  it('says in Thai why a unit people still work in cannot be closed', async () => {
    await page.goto('/units?q=MSDHS-PO-70');
    await page.getByRole('link', { name: 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดราชบุรี' }).click();
    await page.getByRole('button', { name: 'ปิดหน่วยงาน' }).click();
    await page.getByRole('button', { name: 'ยืนยันการปิดหน่วยงาน' }).click();
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.innerText()).toContain('ยังมีผู้ใช้งานที่เปิดใช้งานอยู่ในหน่วยงานนี้');
    await visible(page.getByText('เปิดให้บริการ', { exact: true }));
  });

  it('shows the agencies as a tree with their units, and keeps agencies to those with a ministry-wide reach', async () => {
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'สังกัด' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'สังกัด' }));
    const tree = page.getByRole('region', { name: 'โครงสร้างสังกัด' });
    const ministry = tree.getByRole('listitem').filter({ hasText: 'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (พม.)' });
    await visible(ministry.getByRole('list').getByText('กรมกิจการเด็กและเยาวชน'));
    await visible(tree.getByText(/^MSDHS-DCY · \d+ หน่วยงาน$/));
    await screenshot(page, 'units-03-agencies');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // A province coordinator manages units, not ministries: the server's refusal is shown as it is.
    await tree
      .getByRole('group', { name: 'จัดการกรมกิจการเด็กและเยาวชน', exact: true })
      .getByRole('button', { name: 'แก้ไข' })
      .click();
    await visible(page.getByRole('heading', { level: 3, name: 'แก้ไขกรมกิจการเด็กและเยาวชน' }));
    await page.getByLabel('ชื่อย่อ').fill('ดย');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.innerText()).toContain('คุณไม่มีสิทธิ์ดำเนินการนี้');
    await page.getByRole('button', { name: 'ยกเลิก' }).click();
  });
  it('imports units from a file: the template, a dry run row by row, then the import after a confirmation', async () => {
    await page.goto('/units');
    await page.getByRole('link', { name: 'นำเข้าหน่วยงานจากไฟล์' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'นำเข้าหน่วยงานจากไฟล์' }));

    // The template is made in the browser: Thai headings, UTF-8 with a byte order mark, one example row.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'ดาวน์โหลดแบบฟอร์ม' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('oscc-units-template.csv');
    // Read through Playwright (the browser may run in another process): Buffer keeps the byte order mark.
    const template = (await buffer(await download.createReadStream())).toString('utf8');
    expect(template.charCodeAt(0)).toBe(0xfeff);
    expect(template).toContain('รหัสหน่วยงาน,ชื่อหน่วยงาน,ชื่อภาษาอังกฤษ,ประเภทหน่วยงาน,สังกัด');

    // The template's example row, and a row with a unit type nobody knows.
    const folder = await mkdtemp(path.join(tmpdir(), 'oscc-units-'));
    const file = path.join(folder, 'units-import.csv');
    await writeFile(file, `${template}E2E-RB-0002,หน่วยทดสอบประเภทผิด,,ปราสาท,MSDHS-OPS,ราชบุรี\r\n`);
    await page.getByLabel('ไฟล์รายชื่อหน่วยงาน').setInputFiles(file);
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์' }).click();
    const report = page.getByRole('region', { name: 'ผลการตรวจสอบไฟล์ “units-import.csv”' });
    await visible(report);
    const summary = report.getByRole('definition');
    expect(await summary.allInnerTexts()).toEqual(['1', '0', '0', '1']);
    await visible(report.getByRole('cell', { name: 'MSDHS-PO-70-EX1' }));
    await report.getByLabel('แสดงเฉพาะแถวที่มีปัญหา (1 แถว)').check();
    await visible(report.getByText('แสดง 1 จาก 1 แถว'));
    await visible(report.getByText('ประเภทหน่วยงาน: ไม่รู้จักประเภทหน่วยงาน "ปราสาท"'));
    expect(await report.getByRole('cell', { name: 'MSDHS-PO-70-EX1' }).count()).toBe(0);
    await screenshot(page, 'units-08-import-check');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await report.getByRole('button', { name: 'นำเข้าข้อมูล' }).click();
    await visible(page.getByRole('heading', { level: 3, name: 'ยืนยันการนำเข้าข้อมูล' }));
    await visible(page.getByText('จะเพิ่มหน่วยงานใหม่ 1 แห่ง และแก้ไขหน่วยงาน 0 แห่ง'));
    await visible(page.getByText('แถวที่มีปัญหา 1 แถวจะไม่ถูกนำเข้า'));
    await page.getByRole('button', { name: 'ยืนยันการนำเข้า' }).click();
    await visible(page.getByRole('heading', { name: 'นำเข้าหน่วยงานจากไฟล์ “units-import.csv” แล้ว' }));

    await page.goto('/units?q=MSDHS-PO-70-EX1');
    await page.getByRole('link', { name: 'ศูนย์ช่วยเหลือสังคมตัวอย่าง จังหวัดราชบุรี' }).click();
    const details = page.getByRole('region', { name: 'ข้อมูลหน่วยงาน' });
    await visible(details.getByText('จันทร์–ศุกร์ 08:30–16:30 · ปิดวันหยุดราชการ'));
    await visible(page.getByRole('region', { name: 'พื้นที่รับผิดชอบ' }).getByText('อำเภอบ้านโป่ง'));
  });
});

describe('units on a phone', () => {
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

  it('fits the directory, a unit and its form on the screen without sideways scrolling', async () => {
    await page.goto('/units?q=%E0%B8%A3%E0%B8%B2%E0%B8%8A%E0%B8%9A%E0%B8%B8%E0%B8%A3%E0%B8%B5');
    await visible(page.getByText(/^แสดง 1–\d+ จาก \d+$/));
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'units-04-phone-directory');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByRole('link', { name: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ศูนย์พึ่งได้ โรงพยาบาลราชบุรี' }));
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'units-05-phone-unit');

    await page.getByRole('link', { name: 'แก้ไขข้อมูล' }).click();
    await visible(page.getByRole('group', { name: 'เวลาทำการ', exact: true }));
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'units-06-phone-form');

    await page.goto('/agencies');
    await visible(page.getByRole('region', { name: 'โครงสร้างสังกัด' }).getByText('กรมกิจการเด็กและเยาวชน (ดย.)'));
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await screenshot(page, 'units-07-phone-agencies');
  });
});
