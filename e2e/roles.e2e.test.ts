import type { BrowserContext, Locator, Page } from 'playwright-core';
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

/** The demo central administrator: roles.manage and users.manage everywhere; must set up two-step first. */
const ADMIN = 'admin@oscc.example';
const ADMIN_NAME = 'นายธนากร ศรีสุข';
/** A call taker of the 1300 centre: scope the nation, but by default may read only their own user record. */
const CALL_TAKER = 'calltaker@oscc.example';
/** A unit officer of Ratchaburi Hospital's crisis centre, whom the administrator makes its head. */
const OFFICER = 'officer@oscc.example';
const OFFICER_NAME = 'นางสาวพิมพ์ชนก รักษ์ดี';
/** The coordinator of Ratchaburi: may change roles within the province, and nowhere else. */
const COORDINATOR = 'coordinator@oscc.example';
const SOCIAL_WORKER_NAME = 'นางสุภาพร วงศ์ไทย';

const CALL_TAKER_ROLE = 'เจ้าหน้าที่รับสาย 1300';

const app = useAppUnderTest();

/** Screenshots for the repository's e2e folder (none in CI). */
async function capture(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
}

/** The text of the matrix cell for an action (row) and a role (column). */
async function matrixCell(page: Page, action: string, role: string): Promise<string> {
  const table = page.locator('table.rule-matrix');
  const headers = await table.locator('thead th').allInnerTexts();
  const column = headers.findIndex((text) => text.trim() === role);
  expect(column, `column ${role} in ${headers.join(' | ')}`).toBeGreaterThan(0);
  const row = table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: action, exact: true }) });
  // The row header is the first cell; data cells follow in the columns' order.
  return (
    await row
      .locator('td')
      .nth(column - 1)
      .innerText()
  ).trim();
}

/** "แสดง 1–25 จาก 230" → 230. */
async function listedTotal(page: Page): Promise<number> {
  const status = page.getByRole('main').getByText(/^แสดง .+ จาก [\d,]+$/);
  await visible(status);
  const match = /จาก ([\d,]+)$/.exec((await status.innerText()).trim());
  return Number((match?.[1] ?? '0').replace(/,/g, ''));
}

async function openUser(page: Page, search: string, name: string): Promise<void> {
  await page.goto('/users');
  await page.getByLabel('ค้นหาชื่อ อีเมล หรือเบอร์โทรศัพท์').fill(search);
  await page.getByRole('link', { name, exact: true }).click();
  await visible(page.getByRole('heading', { level: 1, name }));
}

function assignment(page: Page, number: number): Locator {
  return page.getByRole('group', { name: `บทบาทที่ ${number}` });
}

describe('roles and permissions', () => {
  let admin: BrowserContext;
  let callTaker: BrowserContext;
  let page: Page;
  let callTakerPage: Page;

  beforeAll(async () => {
    admin = await app.newContext({ width: 1280, height: 900 });
    callTaker = await app.newContext({ width: 1280, height: 900 });
    page = await admin.newPage();
    callTakerPage = await callTaker.newPage();
  });

  afterAll(async () => {
    await admin?.close();
    await callTaker?.close();
  });

  it('lets a call taker see only themselves in the users list at first', async () => {
    await signInAs(callTakerPage, CALL_TAKER);
    // No menu entry for roles: a call taker may not manage them.
    const menu = callTakerPage.getByRole('navigation', { name: 'เมนูหลัก' });
    await visible(menu.getByRole('link', { name: 'ผู้ใช้งาน' }));
    expect(await menu.getByRole('link', { name: 'บทบาทและสิทธิ์' }).count()).toBe(0);
    await menu.getByRole('link', { name: 'ผู้ใช้งาน' }).click();
    expect(await listedTotal(callTakerPage)).toBe(1);
  });

  it('shows the administrator every role and its permissions as a Thai matrix', async () => {
    await signInAndSetUpTwoStep(page, ADMIN, DEMO_PASSWORD);
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'บทบาทและสิทธิ์' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'บทบาทและสิทธิ์' }));
    expect(new URL(page.url()).pathname).toBe('/roles');

    // The roles with their level and whether they need two-step verification.
    const adminRow = page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'ผู้ดูแลระบบส่วนกลาง' }) });
    expect(await adminRow.first().innerText()).toContain('ทั่วประเทศ');
    expect(await adminRow.first().innerText()).toContain('ต้องใช้');
    const headRow = page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'หัวหน้าหน่วยงาน' }) });
    expect(await headRow.first().innerText()).toContain('ระดับหน่วยงาน');
    expect(await headRow.first().innerText()).toContain('ไม่ต้องใช้');

    // Every action in Thai, conditions in Thai words.
    await visible(page.getByRole('heading', { level: 2, name: 'สิทธิ์ของแต่ละบทบาท' }));
    for (const action of [
      'ดูข้อมูลหน่วยงาน',
      'จัดการหน่วยงาน',
      'ดูข้อมูลผู้ใช้',
      'จัดการผู้ใช้',
      'นำเข้าผู้ใช้',
      'ดูประวัติการเปลี่ยนแปลง',
      'จัดการบทบาทและสิทธิ์',
    ]) {
      await visible(page.locator('table.rule-matrix').getByRole('rowheader', { name: action, exact: true }));
    }
    expect(await matrixCell(page, 'ดูข้อมูลผู้ใช้', CALL_TAKER_ROLE)).toBe('ตนเอง');
    expect(await matrixCell(page, 'ดูข้อมูลผู้ใช้', 'หัวหน้าหน่วยงาน')).toBe('ในขอบเขต หรือ ตนเอง');
    expect(await matrixCell(page, 'จัดการหน่วยงาน', 'หัวหน้าหน่วยงาน')).toBe('ในขอบเขต และ หน่วยงานของตน');
    expect(await matrixCell(page, 'จัดการหน่วยงาน', CALL_TAKER_ROLE)).toBe('—');
    expect(await matrixCell(page, 'จัดการบทบาทและสิทธิ์', 'ผู้ดูแลระบบส่วนกลาง')).toBe('ทุกที่');
    expect(await hasNoHorizontalOverflow(page)).toBe(true);
    await capture(page, 'roles-01-matrix');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The same matrix in English, through the language switch.
    await page.getByRole('button', { name: 'English' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Roles and permissions' }));
    expect(await matrixCell(page, 'View users', 'Unit head')).toBe('in scope or self');
    expect(await matrixCell(page, 'Manage units and agencies', 'Unit head')).toBe('in scope and own unit');
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'บทบาทและสิทธิ์' }));
  });

  it('refuses, in Thai, to take role management away from the central administrators', async () => {
    await page.getByRole('button', { name: 'แก้ไขสิทธิ์ ผู้ดูแลระบบส่วนกลาง' }).click();
    const heading = page.getByRole('heading', { level: 2, name: 'แก้ไขสิทธิ์ของบทบาท “ผู้ดูแลระบบส่วนกลาง”' });
    await visible(heading);
    await page.getByLabel('จัดการบทบาทและสิทธิ์', { exact: true }).selectOption({ label: 'ไม่อนุญาต' });
    await page.getByRole('button', { name: 'ตรวจสอบก่อนบันทึก' }).click();
    await visible(page.getByRole('heading', { name: 'ยืนยันการเปลี่ยนสิทธิ์ของบทบาท “ผู้ดูแลระบบส่วนกลาง”' }));
    await page.getByRole('button', { name: 'ยืนยันและบันทึก' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'ผู้ดูแลระบบส่วนกลางต้องคงสิทธิ์ “จัดการบทบาทและสิทธิ์” ไว้' });
    await visible(alert);
    await page.getByRole('button', { name: 'กลับไปแก้ไข' }).click();
    await page.getByRole('button', { name: 'ยกเลิก' }).click();
    expect(await matrixCell(page, 'จัดการบทบาทและสิทธิ์', 'ผู้ดูแลระบบส่วนกลาง')).toBe('ทุกที่');
  });

  it('lets the administrator give call takers "view users in scope", after a confirmation', async () => {
    await page.getByRole('button', { name: `แก้ไขสิทธิ์ ${CALL_TAKER_ROLE}` }).click();
    await visible(page.getByRole('heading', { level: 2, name: `แก้ไขสิทธิ์ของบทบาท “${CALL_TAKER_ROLE}”` }));
    const usersRead = page.getByLabel('ดูข้อมูลผู้ใช้', { exact: true });
    expect(await usersRead.locator('option:checked').innerText()).toBe('ตนเอง');
    expect(await usersRead.locator('option').allInnerTexts()).toEqual([
      'ไม่อนุญาต',
      'ทุกที่',
      'ในขอบเขต',
      'ในขอบเขต หรือ ตนเอง',
      'ในขอบเขต และ หน่วยงานของตน',
      'ตนเอง',
    ]);
    await usersRead.selectOption({ label: 'ในขอบเขต' });
    await capture(page, 'roles-02-rule-editor');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'ตรวจสอบก่อนบันทึก' }).click();
    await visible(page.getByRole('heading', { name: `ยืนยันการเปลี่ยนสิทธิ์ของบทบาท “${CALL_TAKER_ROLE}”` }));
    const change = page.locator('table.rule-changes tbody tr');
    expect(await change.count()).toBe(1);
    expect(await change.innerText()).toMatch(/ดูข้อมูลผู้ใช้\s+ตนเอง\s+ในขอบเขต/);
    await visible(page.getByText('มีผลกับผู้ใช้ทุกคนที่มีบทบาทนี้ตั้งแต่คำขอถัดไปของแต่ละคน', { exact: false }));
    await capture(page, 'roles-03-rule-confirm');
    await page.getByRole('button', { name: 'ยืนยันและบันทึก' }).click();

    await visible(page.getByText(`บันทึกสิทธิ์ของบทบาท “${CALL_TAKER_ROLE}” แล้ว`, { exact: false }));
    await expect.poll(() => matrixCell(page, 'ดูข้อมูลผู้ใช้', CALL_TAKER_ROLE)).toBe('ในขอบเขต');
  });

  it('applies at the call taker’s next request, without signing in again', async () => {
    await callTakerPage.reload();
    await expect.poll(() => listedTotal(callTakerPage), { timeout: WAIT_MS }).toBeGreaterThan(1);
    await visible(callTakerPage.getByRole('link', { name: OFFICER_NAME }));
  });

  it('lets the administrator make the officer head of their unit, and shows it with a link to the history', async () => {
    await openUser(page, OFFICER, OFFICER_NAME);
    const details = page.locator('dl.details');
    const unitName = (
      await details
        .locator('div')
        .filter({ has: page.locator('dt', { hasText: /^หน่วยงาน$/ }) })
        .locator('dd')
        .innerText()
    ).trim();
    await visible(page.getByText(`เจ้าหน้าที่หน่วยงาน (Front Line) · ${unitName}`));

    await page.getByRole('button', { name: 'เปลี่ยนบทบาท' }).click();
    await visible(page.getByRole('heading', { level: 2, name: 'เปลี่ยนบทบาท' }));
    const first = assignment(page, 1);
    const role = first.getByLabel('บทบาท', { exact: true });
    expect(await role.locator('option:checked').innerText()).toBe('เจ้าหน้าที่หน่วยงาน (Front Line)');
    await role.selectOption({ label: 'หัวหน้าหน่วยงาน' });
    // The level follows from the role; the unit stays the person's own.
    await visible(first.getByText('ระดับขอบเขต: ระดับหน่วยงาน'));
    const unit = first.getByLabel('หน่วยงานที่รับผิดชอบ (จำเป็น)');
    expect(await unit.locator('option:checked').innerText()).toContain(unitName);

    // A province role asks for its province before anything is sent.
    await page.getByRole('button', { name: 'เพิ่มบทบาท' }).click();
    const second = assignment(page, 2);
    await second.getByLabel('บทบาท', { exact: true }).selectOption({ label: 'ผู้ประสานงานระดับจังหวัด' });
    await page.getByRole('button', { name: 'บันทึกบทบาท' }).click();
    await visible(second.getByText('กรุณาเลือกขอบเขตของบทบาท'));
    await capture(page, 'roles-04-user-role-editor');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await second.getByRole('button', { name: 'ลบบทบาทนี้ บทบาทที่ 2' }).click();

    await page.getByRole('button', { name: 'บันทึกบทบาท' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'บันทึกบทบาทแล้ว' });
    await visible(saved);
    await visible(page.getByText(`หัวหน้าหน่วยงาน · ${unitName}`));
    expect(await page.getByText('เจ้าหน้าที่หน่วยงาน (Front Line) ·').count()).toBe(0);
    const history = saved.getByRole('link', { name: 'ประวัติการเปลี่ยนแปลงของผู้ใช้นี้' });
    const href = await history.getAttribute('href');
    expect(href).toMatch(/^\/audit\?entityType=user&entityId=[0-9a-f-]{36}$/);
    await capture(page, 'roles-05-user-roles-saved');

    // Read again from the server: the new role is stored.
    await page.reload();
    await visible(page.getByText(`หัวหน้าหน่วยงาน · ${unitName}`));
    await page.getByRole('link', { name: 'ประวัติการเปลี่ยนแปลงของผู้ใช้นี้' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'ประวัติการเปลี่ยนแปลง' }));
    expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe(href);
  });

  it('says, in Thai, when someone else changed the person in the meantime, and reads them again', async () => {
    const other = await admin.newPage();
    try {
      await openUser(other, OFFICER, OFFICER_NAME);
      await other.getByRole('button', { name: 'เปลี่ยนบทบาท' }).click();
      await visible(assignment(other, 1));

      // Meanwhile, in the first tab, the person's position is edited (a new version). A tab in the background does
      // not draw, so each tab is brought to the front before it is used.
      await page.bringToFront();
      await openUser(page, OFFICER, OFFICER_NAME);
      await page.getByRole('button', { name: 'แก้ไข', exact: true }).click();
      await page.getByLabel('ตำแหน่ง', { exact: true }).fill('พยาบาลวิชาชีพชำนาญการ');
      await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
      await visible(page.getByText('บันทึกแล้ว', { exact: true }));

      await other.bringToFront();
      await assignment(other, 1)
        .getByLabel('บทบาท', { exact: true })
        .selectOption({ label: 'เจ้าหน้าที่หน่วยงาน (Front Line)' });
      await other.getByRole('button', { name: 'บันทึกบทบาท' }).click();
      await visible(other.getByRole('alert').filter({ hasText: 'ข้อมูลถูกเปลี่ยนแปลงโดยผู้อื่น กรุณาโหลดใหม่' }));
      await other.getByRole('button', { name: 'โหลดข้อมูลใหม่' }).click();
      await visible(other.getByText('พยาบาลวิชาชีพชำนาญการ'));
      // Nothing was overwritten: still the head of the unit.
      await visible(other.getByText('หัวหน้าหน่วยงาน ·', { exact: false }));
    } finally {
      await other.close();
      await page.bringToFront();
    }
  });

  it('keeps the last central administrator, and says so in Thai', async () => {
    await openUser(page, ADMIN, ADMIN_NAME);
    await page.getByRole('button', { name: 'เปลี่ยนบทบาท' }).click();
    await assignment(page, 1).getByRole('button', { name: 'ลบบทบาทนี้ บทบาทที่ 1' }).click();
    await visible(page.getByText('ยังไม่มีบทบาท', { exact: false }));
    await page.getByRole('button', { name: 'บันทึกบทบาท' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'ต้องมีผู้ดูแลระบบส่วนกลางอย่างน้อยหนึ่งคน' }));
    await page.getByRole('button', { name: 'ยกเลิก' }).click();
    await visible(page.getByText('ผู้ดูแลระบบส่วนกลาง · ทั่วประเทศ'));
  });

  it('fits a phone: the matrix becomes one card per permission', async () => {
    const phone = await app.newContext({ width: 390, height: 844, mobile: true });
    try {
      // The administrator's session, carried over: a second sign-in would need the next authenticator code.
      await phone.addCookies(await admin.cookies());
      const phonePage = await phone.newPage();
      await phonePage.goto('/roles');
      await visible(phonePage.getByRole('heading', { level: 1, name: 'บทบาทและสิทธิ์' }));
      await visible(phonePage.locator('table.rule-matrix').getByText('ในขอบเขต และ หน่วยงานของตน').first());
      expect(await hasNoHorizontalOverflow(phonePage)).toBe(true);
      await capture(phonePage, 'roles-06-phone-matrix');
      expect(await seriousAccessibilityProblems(phonePage)).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});

describe('changing roles beyond one’s reach', () => {
  it('tells a coordinator, in Thai and on a phone, that another province is outside their scope', async () => {
    const phone = await app.newContext({ width: 390, height: 844, mobile: true });
    try {
      const page = await phone.newPage();
      await signInAs(page, COORDINATOR);
      await openUser(page, 'สุภาพร', SOCIAL_WORKER_NAME);
      await page.getByRole('button', { name: 'เปลี่ยนบทบาท' }).click();
      const first = assignment(page, 1);
      await first.getByLabel('บทบาท', { exact: true }).selectOption({ label: 'ผู้ประสานงานระดับจังหวัด' });
      await first.getByLabel('จังหวัดที่รับผิดชอบ (จำเป็น)').selectOption({ label: 'เชียงใหม่' });
      await page.getByRole('button', { name: 'บันทึกบทบาท' }).click();
      await visible(page.getByRole('alert').filter({ hasText: 'คุณไม่มีสิทธิ์ให้หรือถอนบทบาทนี้' }));
      // The answer is at the top of the form, far above the button on a phone: focus goes to it.
      await page.waitForFunction(() => document.activeElement?.classList.contains('focus-target'), undefined, {
        timeout: WAIT_MS,
      });
      expect(await hasNoHorizontalOverflow(page)).toBe(true);
      await capture(page, 'roles-07-phone-role-editor-forbidden');
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'ยกเลิก' }).click();
      await visible(page.getByText('นักสังคมสงเคราะห์ · จังหวัดราชบุรี'));
    } finally {
      await phone.close();
    }
  });
});
